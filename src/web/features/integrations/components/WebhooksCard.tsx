import { Alert, Button, Card, Loader, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { fetchWebhookDeliveries, fetchWebhookEndpoints, webhooksKey } from '../api';
import { AddWebhookModal } from './AddWebhookModal';
import { SecretOnceModal } from './SecretOnceModal';
import { WebhookDeliveriesTable } from './WebhookDeliveriesTable';
import { WebhookEndpointsTable } from './WebhookEndpointsTable';
import { CardHeader } from '../../../shared/ui/CardHeader';
import { t } from '../../../shared/i18n';

/** Endpoints that receive ownership and collaborator changes, and the deliveries made to them. */
export function WebhooksCard() {
  const endpoints = usePagedList(webhooksKey, fetchWebhookEndpoints);
  const deliveries = usePagedList([...webhooksKey, 'deliveries'], fetchWebhookDeliveries);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const urlOf = new Map(endpoints.items.map((e) => [e.id, e.url]));

  return (
    <Card withBorder padding="lg" component="section" aria-label={t('webhook.title')}>
      <CardHeader
        title={t('webhook.title')}
        description={t('webhook.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('webhook.add')}
          </Button>
        }
      />
      {endpoints.isLoading ? (
        <Loader mt="md" aria-label={t('integrations.loading')} />
      ) : endpoints.error ? (
        <Alert color="red" mt="md">
          {errorMessage(endpoints.error)}
        </Alert>
      ) : !endpoints.items.length ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('webhook.none')}
        </Text>
      ) : (
        <WebhookEndpointsTable items={endpoints.items} />
      )}
      <LoadMore {...endpoints.more} />

      <Title order={3} size="h5" mt="lg">
        {t('webhook.deliveries')}
      </Title>
      {!deliveries.items.length ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('webhook.noDeliveries')}
        </Text>
      ) : (
        <WebhookDeliveriesTable items={deliveries.items} urlOf={urlOf} />
      )}
      <LoadMore {...deliveries.more} />

      <AddWebhookModal opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title={t('webhook.added')}
        label={t('logStream.secret')}
        secret={secret}
        hint={t('webhook.secretHint')}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
