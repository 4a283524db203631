import { Alert, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { createServiceToken, fetchServiceTokens, serviceTokensKey } from '../api';
import { NewTokenModal, type TokenKind } from './NewTokenModal';
import { SecretOnceModal } from './SecretOnceModal';
import { ServiceTokensTable } from './ServiceTokensTable';

/** Tokens Sofie's other services call with; created here, shown once, revoked here. */
const SERVICE_TOKEN: TokenKind = {
  title: 'New service token',
  field: { label: 'Name', description: 'Which service uses it, e.g. “chat usage collector”.' },
  create: createServiceToken,
  listKey: serviceTokensKey,
};

export function ServiceTokensCard() {
  const tokens = usePagedList(serviceTokensKey, fetchServiceTokens);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-label="Service tokens">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <Title order={2} size="h4">
            Service tokens
          </Title>
          <Text size="sm" c="dimmed">
            Sofie’s other services use these to send usage events and keep the content registry in sync.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>
          New service token
        </Button>
      </Group>
      {tokens.isLoading ? (
        <Loader mt="md" aria-label="Loading" />
      ) : tokens.error ? (
        <Alert color="red" mt="md">
          {errorMessage(tokens.error)}
        </Alert>
      ) : !tokens.items.length ? (
        <Text size="sm" c="dimmed" mt="md">
          No service tokens yet.
        </Text>
      ) : (
        <ServiceTokensTable items={tokens.items} />
      )}
      <LoadMore list={tokens} />
      <NewTokenModal kind={SERVICE_TOKEN} opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title="Service token created"
        label="Service token"
        secret={secret}
        hint="Send it as “Authorization: Bearer …” from the service; see Service API in the README."
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
