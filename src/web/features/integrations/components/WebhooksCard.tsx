import { Alert, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
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

/** Endpoints that receive ownership and collaborator changes, and the deliveries made to them. */
export function WebhooksCard() {
  const endpoints = usePagedList(webhooksKey, fetchWebhookEndpoints);
  const deliveries = usePagedList([...webhooksKey, 'deliveries'], fetchWebhookDeliveries);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const urlOf = new Map(endpoints.items.map((e) => [e.id, e.url]));

  return (
    <Card withBorder padding="lg" component="section" aria-label="Webhook endpoints">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <Title order={2} size="h4">
            Webhook endpoints
          </Title>
          <Text size="sm" c="dimmed">
            Sofie posts ownership and collaborator changes here (for example when a user is deleted), signed with the endpoint’s secret and retried until
            delivered.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>
          Add endpoint
        </Button>
      </Group>
      {endpoints.isLoading ? (
        <Loader mt="md" aria-label="Loading" />
      ) : endpoints.error ? (
        <Alert color="red" mt="md">
          {errorMessage(endpoints.error)}
        </Alert>
      ) : !endpoints.items.length ? (
        <Text size="sm" c="dimmed" mt="md">
          No endpoints yet.
        </Text>
      ) : (
        <WebhookEndpointsTable items={endpoints.items} />
      )}
      <LoadMore list={endpoints} />

      <Title order={3} size="h5" mt="lg">
        Recent deliveries
      </Title>
      {!deliveries.items.length ? (
        <Text size="sm" c="dimmed" mt="xs">
          Nothing sent yet.
        </Text>
      ) : (
        <WebhookDeliveriesTable items={deliveries.items} urlOf={urlOf} />
      )}
      <LoadMore list={deliveries} />

      <AddWebhookModal opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title="Endpoint added"
        label="Signing secret"
        secret={secret}
        hint="Each delivery carries x-sofie-timestamp (Unix seconds) and x-sofie-signature: sha256=<HMAC-SHA256 of “timestamp.body” with this secret>. Check both before trusting a delivery, and refuse timestamps more than 5 minutes old (see the README)."
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
