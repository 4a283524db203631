import { Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { When } from '../../../shared/When';
import { disableWebhookEndpoint, webhooksKey, type fetchWebhookEndpoints } from '../api';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { ScrollTable } from '../../../shared/ui/ScrollTable';
import { t } from '../../../shared/i18n';

type WebhookEndpoint = Awaited<ReturnType<typeof fetchWebhookEndpoints>>['items'][number];

/** The endpoints, their queues and status, each with Disable (confirmed first). */
export function WebhookEndpointsTable({ items }: { items: WebhookEndpoint[] }) {
  const queryClient = useQueryClient();
  const disable = useMutation({
    mutationFn: disableWebhookEndpoint,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: webhooksKey });
      notifications.show({ color: 'green', message: t('webhook.disabled') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmDisable = (id: string, endpointUrl: string) =>
    modals.openConfirmModal({
      title: t('webhook.disableTitle'),
      children: <Text size="sm">{t('webhook.disableText', { url: endpointUrl })}</Text>,
      labels: { confirm: t('webhook.disableConfirm'), cancel: t('integrations.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => disable.mutate(id),
    });

  return (
    <ScrollTable minWidth={640} mt="md" aria-label={t('webhook.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('integrations.url')}</Table.Th>
          <Table.Th>{t('integrations.created')}</Table.Th>
          <Table.Th>{t('webhook.queue')}</Table.Th>
          <Table.Th>{t('integrations.status')}</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.id} data-testid="webhook-row">
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {e.url}
              </Text>
              {e.description && (
                <Text size="xs" c="dimmed">
                  {e.description}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <When iso={e.createdAt} never="—" />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t('webhook.queueText', { pending: e.pending, failed: e.failed })}</Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={e.disabledAt ? 'disabled' : 'active'} />
            </Table.Td>
            <Table.Td ta="right">
              {!e.disabledAt && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => confirmDisable(e.id, e.url)}
                  aria-label={t('webhook.disableLabel', { url: e.url })}
                >
                  {t('webhook.disable')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
