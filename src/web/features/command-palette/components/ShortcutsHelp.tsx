import { Kbd, Modal, Table } from '@mantine/core';

const SHORTCUTS: [string[], string][] = [
  [['Ctrl', 'K'], 'Open the command palette (⌘ K on a Mac)'],
  [['?'], 'Show these shortcuts'],
  [['↑', '↓'], 'Move through the palette’s results'],
  [['Enter'], 'Open the chosen result'],
  [['Esc'], 'Close a dialog'],
];

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table aria-label="Keyboard shortcuts">
        <Table.Tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {keys.map((k) => (
                  <Kbd key={k} mr={4}>
                    {k}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
