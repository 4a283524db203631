import { Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { provisioningKey, revokeScimToken, type fetchProvisioning } from '../api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { ScrollTable } from '../../../shared/ui/ScrollTable';
import { t } from '../../../shared/i18n';

type ScimToken = Awaited<ReturnType<typeof fetchProvisioning>>['items'][number];

/** The SCIM tokens: who created each (it acts within their permissions), when it was last used, Revoke. */
export function ScimTokensTable({ items }: { items: ScimToken[] }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeScimToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
      notifications.show({ color: 'green', message: t('scim.revoked') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRevoke = (id: string, label: string) =>
    modals.openConfirmModal({
      title: t('integrations.revokeTitle', { name: label }),
      children: <Text size="sm">{t('scim.revokeText')}</Text>,
      labels: { confirm: t('integrations.revokeToken'), cancel: t('integrations.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(id),
    });

  return (
    <ScrollTable minWidth={560} aria-label={t('scim.tokens')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('scim.label')}</Table.Th>
          <Table.Th>{t('scim.createdBy')}</Table.Th>
          <Table.Th>{t('integrations.created')}</Table.Th>
          <Table.Th>{t('integrations.lastUsed')}</Table.Th>
          <Table.Th>{t('integrations.status')}</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((token) => (
          <Table.Tr key={token.id} data-testid="scim-token-row">
            <Table.Td>{token.label}</Table.Td>
            <Table.Td>{token.createdBy.name}</Table.Td>
            <Table.Td>
              <When iso={token.createdAt} never="—" />
            </Table.Td>
            <Table.Td>
              <When iso={token.lastUsedAt} never={t('common.never')} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={token.revokedAt ? 'revoked' : 'active'} />
            </Table.Td>
            <Table.Td ta="right">
              {!token.revokedAt && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => confirmRevoke(token.id, token.label)}
                  aria-label={t('integrations.revokeLabel', { name: token.label })}
                >
                  {t('integrations.revoke')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
