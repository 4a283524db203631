import { Alert, Button, Card, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { createScimToken, fetchProvisioning, provisioningKey, setProvisioningEnabled } from '../api';
import { NewTokenModal, type TokenKind } from './NewTokenModal';
import { ProvisioningLog } from './ProvisioningLog';
import { RoleMappingsSection } from './RoleMappingsSection';
import { ScimBaseUrl } from './ScimBaseUrl';
import { ScimTokensTable } from './ScimTokensTable';
import { SecretOnceModal } from './SecretOnceModal';

/** Integrations → Provisioning: SCIM on or off, the base URL for Okta / Entra, and the tokens they call with. */
const SCIM_TOKEN: TokenKind = {
  title: 'New SCIM token',
  field: { label: 'Label', description: 'Which identity provider uses it, e.g. “Okta” or “Entra ID”. Provisioned people are marked with it.' },
  create: createScimToken,
  listKey: provisioningKey,
};

export function ProvisioningCard() {
  const queryClient = useQueryClient();
  const provisioning = usePagedList(provisioningKey, fetchProvisioning);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: setProvisioningEnabled,
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
      notifications.show({ color: 'green', message: data.enabled ? 'SCIM provisioning is on.' : 'SCIM provisioning is off: identity providers are refused.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = provisioning.firstPage;

  return (
    <Card withBorder padding="lg" component="section" aria-label="Provisioning">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <Title order={2} size="h4">
            Provisioning
          </Title>
          <Text size="sm" c="dimmed">
            Let Okta or Microsoft Entra ID create, update, deactivate and group people over SCIM 2.0. Groups they push are cohorts: they grant no permission
            unless you map one to a role below, and new people get the default role.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={open}>
          New SCIM token
        </Button>
      </Group>
      {provisioning.isLoading ? (
        <Loader mt="md" aria-label="Loading" />
      ) : provisioning.error || !data ? (
        <Alert color="red" mt="md">
          {errorMessage(provisioning.error)}
        </Alert>
      ) : (
        <Stack mt="md" gap="md">
          <Switch
            label="Enable SCIM provisioning"
            description="While off, every SCIM request is refused, whatever token it carries."
            checked={data.enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate(e.currentTarget.checked)}
          />
          <ScimBaseUrl url={data.baseUrl} />
          {provisioning.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No SCIM tokens yet.
            </Text>
          ) : (
            <ScimTokensTable items={provisioning.items} />
          )}
          <LoadMore list={provisioning} />
          <RoleMappingsSection />
          <ProvisioningLog />
        </Stack>
      )}
      <NewTokenModal kind={SCIM_TOKEN} opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title="SCIM token created"
        label="SCIM token"
        secret={secret}
        hint="Paste it as the API token (Okta) or Secret Token (Entra). It acts within your own permissions, and stops working if your account is deactivated."
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
