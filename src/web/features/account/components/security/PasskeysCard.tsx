import { ActionIcon, Alert, Button, Card, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconFingerprint, IconPencil, IconTrash } from '@tabler/icons-react';
import type { AccountSecurity, Passkey } from '../../../../../contracts/passkeys';
import { SoftBadge } from '../../../../shared/ui/SoftBadge';
import { passkeyErrorMessage } from '../../api';
import type { useAccountSecurity } from '../../hooks/useAccountSecurity';
import { when } from './when';
import { ActionsHeader } from '../../../../shared/ui/ActionsHeader';

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
      title: `Remove ${passkey.name}?`,
      children: <Text size="sm">You will no longer be able to sign in with this passkey.</Text>,
      labels: { confirm: 'Remove passkey', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(passkey.id),
    });
  }

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Registered passkeys
        </Title>
        {(data.gate !== 'PASSKEY_VERIFICATION_REQUIRED' || data.recoveryUntil) && (
          <Button color="indigo.7" leftSection={<IconFingerprint size={16} />} onClick={() => add.mutate()} loading={add.isPending}>
            Add passkey
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
          No passkeys yet. A passkey lets you sign in with your fingerprint, face or device PIN instead of an emailed link.
        </Text>
      ) : (
        <Table aria-label="Registered passkeys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Added</Table.Th>
              <Table.Th>Last used</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.passkeys.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>
                  <Tooltip label={p.kind === 'synced' ? 'Backed up to a password manager or cloud keychain' : 'Stays on one device or security key'}>
                    <SoftBadge color={p.kind === 'synced' ? 'indigo' : 'gray'}>{p.kind === 'synced' ? 'Synced' : 'Device-bound'}</SoftBadge>
                  </Tooltip>
                </Table.Td>
                <Table.Td>{when(p.createdAt)}</Table.Td>
                <Table.Td>{when(p.lastUsedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <ActionIcon variant="subtle" aria-label={`Rename ${p.name}`} onClick={() => onRename(p)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${p.name}`} onClick={() => confirmRemove(p)}>
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
