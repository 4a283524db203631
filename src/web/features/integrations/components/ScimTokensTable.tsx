import { Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { provisioningKey, revokeScimToken, type fetchProvisioning } from '../api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';

type ScimToken = Awaited<ReturnType<typeof fetchProvisioning>>['items'][number];

/** The SCIM tokens: who created each (it acts within their permissions), when it was last used, Revoke. */
export function ScimTokensTable({ items }: { items: ScimToken[] }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeScimToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
      notifications.show({ color: 'green', message: 'SCIM token revoked. The identity provider’s calls with it are refused from now on.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRevoke = (id: string, label: string) =>
    modals.openConfirmModal({
      title: `Revoke “${label}”?`,
      children: <Text size="sm">The identity provider using this token can no longer create, update or deactivate anyone until it gets a new one.</Text>,
      labels: { confirm: 'Revoke token', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(id),
    });

  return (
    <Table aria-label="SCIM tokens">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Label</Table.Th>
          <Table.Th>Created by</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Last used</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((t) => (
          <Table.Tr key={t.id} data-testid="scim-token-row">
            <Table.Td>{t.label}</Table.Td>
            <Table.Td>{t.createdBy.name}</Table.Td>
            <Table.Td>
              <When iso={t.createdAt} never="—" />
            </Table.Td>
            <Table.Td>
              <When iso={t.lastUsedAt} never="Never" />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={t.revokedAt ? 'revoked' : 'active'} />
            </Table.Td>
            <Table.Td ta="right">
              {!t.revokedAt && (
                <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(t.id, t.label)} aria-label={`Revoke ${t.label}`}>
                  Revoke
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
