import { Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { revokeServiceToken, serviceTokensKey, type fetchServiceTokens } from '../api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';

type ServiceToken = Awaited<ReturnType<typeof fetchServiceTokens>>['items'][number];

/** The tokens, when each was last used, each with Revoke (confirmed first). */
export function ServiceTokensTable({ items }: { items: ServiceToken[] }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeServiceToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceTokensKey });
      notifications.show({ color: 'green', message: 'Service token revoked. Calls with it are refused from now on.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRevoke = (id: string, tokenName: string) =>
    modals.openConfirmModal({
      title: `Revoke “${tokenName}”?`,
      children: <Text size="sm">Services using this token stop being able to send usage events or sync content at once.</Text>,
      labels: { confirm: 'Revoke token', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(id),
    });

  return (
    <Table mt="md" aria-label="Service tokens">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Last used</Table.Th>
          <Table.Th>Status</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((t) => (
          <Table.Tr key={t.id} data-testid="service-token-row">
            <Table.Td>{t.name}</Table.Td>
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
                <Button size="xs" variant="subtle" color="red" onClick={() => confirmRevoke(t.id, t.name)} aria-label={`Revoke ${t.name}`}>
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
