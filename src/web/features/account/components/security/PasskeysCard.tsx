import { ActionIcon, Alert, Button, Card, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconFingerprint, IconPencil, IconTrash } from '@tabler/icons-react';
import type { AccountSecurity, Passkey } from '../../../../../contracts/passkeys';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { passkeyErrorMessage } from '../../api';
import type { useAccountSecurity } from '../../hooks/useAccountSecurity';
import { when } from './when';
import { ActionsHeader } from '../../../../shared/ui/ActionsHeader';
import { t } from '../../../../shared/i18n';

type Actions = ReturnType<typeof useAccountSecurity>;

/** The user's registered passkeys: add, rename, remove. */
interface Props {
  data: AccountSecurity;
  add: Actions['add'];
  remove: Actions['remove'];
  onRename: (p: Passkey) => void;
}

export function PasskeysCard({ data, add, remove, onRename }: Props) {
  function confirmRemove(passkey: Passkey) {
    modals.openConfirmModal({
      title: t('passkeys.removeTitle', { name: passkey.name }),
      children: <Text size="sm">{t('passkeys.removeText')}</Text>,
      labels: { confirm: t('passkeys.removeConfirm'), cancel: t('account.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(passkey.id),
    });
  }

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('passkeys.title')}
        </Title>
        {(data.gate !== 'PASSKEY_VERIFICATION_REQUIRED' || data.recoveryUntil) && (
          <Button color="indigo.7" leftSection={<IconFingerprint size={16} />} onClick={() => add.mutate()} loading={add.isPending}>
            {t('passkeys.add')}
          </Button>
        )}
      </Group>
      {add.isError && (
        <Alert color="red" mb="sm">
          {passkeyErrorMessage(add.error)}
        </Alert>
      )}
      {data.passkeys.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('passkeys.none')}
        </Text>
      ) : (
        <Table aria-label={t('passkeys.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('passkeys.name')}</Table.Th>
              <Table.Th>{t('passkeys.type')}</Table.Th>
              <Table.Th>{t('passkeys.added')}</Table.Th>
              <Table.Th>{t('passkeys.lastUsed')}</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.passkeys.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  <Tooltip label={p.kind === 'synced' ? t('passkeys.syncedHint') : t('passkeys.deviceHint')}>
                    <SoftBadge color={p.kind === 'synced' ? 'indigo' : 'gray'}>
                      {p.kind === 'synced' ? t('passkeys.synced') : t('passkeys.deviceBound')}
                    </SoftBadge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>{when(p.createdAt)}</Table.Td>
                <Table.Td>{when(p.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <ActionIcon variant="subtle" aria-label={t('passkeys.renameLabel', { name: p.name })} onClick={() => onRename(p)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={t('passkeys.removeLabel', { name: p.name })} onClick={() => confirmRemove(p)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
