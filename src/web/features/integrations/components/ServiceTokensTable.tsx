import { Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { revokeServiceToken, serviceTokensKey, type fetchServiceTokens } from '../api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { ScrollTable } from '../../../shared/ui/ScrollTable';
import { t } from '../../../shared/i18n';

type ServiceToken = Awaited<ReturnType<typeof fetchServiceTokens>>['items'][number];

/** The tokens, when each was last used, each with Revoke (confirmed first). */
export function ServiceTokensTable({ items }: { items: ServiceToken[] }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeServiceToken,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceTokensKey });
      notifications.show({ color: 'green', message: t('serviceToken.revoked') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmRevoke = (id: string, tokenName: string) =>
    modals.openConfirmModal({
      title: t('integrations.revokeTitle', { name: tokenName }),
      children: <Text size="sm">{t('serviceToken.revokeText')}</Text>,
      labels: { confirm: t('integrations.revokeToken'), cancel: t('integrations.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => revoke.mutate(id),
    });

  return (
    <ScrollTable minWidth={560} mt="md" aria-label={t('serviceToken.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('integrations.name')}</Table.Th>
          <Table.Th>{t('integrations.created')}</Table.Th>
          <Table.Th>{t('integrations.lastUsed')}</Table.Th>
          <Table.Th>{t('integrations.status')}</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((token) => (
          <Table.Tr key={token.id} data-testid="service-token-row">
            <Table.Td>{token.name}</Table.Td>
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
                  onClick={() => confirmRevoke(token.id, token.name)}
                  aria-label={t('integrations.revokeLabel', { name: token.name })}
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
