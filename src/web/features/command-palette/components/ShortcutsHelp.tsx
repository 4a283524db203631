import { Kbd, Modal, Table } from '@mantine/core';
import { t, type PlainMessageKey } from '../../../shared/i18n';

const SHORTCUTS: [string[], PlainMessageKey][] = [
  [['Ctrl', 'K'], 'shortcuts.palette'],
  [['?'], 'shortcuts.help'],
  [['↑', '↓'], 'shortcuts.move'],
  [['Enter'], 'shortcuts.open'],
  [['Esc'], 'shortcuts.close'],
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')}>
      <Table aria-label={t('shortcuts.title')}>
        <Table.Tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {keys.map((k) => (
                  <Kbd key={k} mr={4} translate="no">
                    {k}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{t(what)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
