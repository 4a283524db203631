import { Alert, Button, Card, Loader, Stack, Switch, Text } from '@mantine/core';
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
import { CardHeader } from '../../../shared/ui/CardHeader';
import { t } from '../../../shared/i18n';

/** Integrations → Provisioning: SCIM on or off, the base URL for Okta / Entra, and the tokens they call with. */
const scimToken = (): TokenKind => ({
  title: t('scim.newToken'),
  field: { label: t('scim.label'), description: t('scim.labelDescription') },
  create: createScimToken,
  listKey: provisioningKey,
});

export function ProvisioningCard() {
  const queryClient = useQueryClient();
  const provisioning = usePagedList(provisioningKey, fetchProvisioning);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: setProvisioningEnabled,
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
      notifications.show({ color: 'green', message: data.enabled ? t('scim.on') : t('scim.off') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = provisioning.firstPage;

  return (
    <Card withBorder padding="lg" component="section" aria-label={t('scim.title')}>
      <CardHeader
        title={t('scim.title')}
        description={t('scim.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('scim.newToken')}
          </Button>
        }
      />
      {provisioning.isLoading ? (
        <Loader mt="md" aria-label={t('integrations.loading')} />
      ) : provisioning.error || !data ? (
        <Alert color="red" mt="md">
          {errorMessage(provisioning.error)}
        </Alert>
      ) : (
        <Stack mt="md" gap="md">
          <Switch
            label={t('scim.enable')}
            description={t('scim.enable.description')}
            checked={data.enabled}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate(e.currentTarget.checked)}
          />
          <ScimBaseUrl url={data.baseUrl} />
          {provisioning.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('scim.noTokens')}
            </Text>
          ) : (
            <ScimTokensTable items={provisioning.items} />
          )}
          <LoadMore {...provisioning.more} />
          <RoleMappingsSection />
          <ProvisioningLog />
        </Stack>
      )}
      <NewTokenModal kind={scimToken()} opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal title={t('scim.tokenCreated')} label={t('scim.token')} secret={secret} hint={t('scim.tokenHint')} onClose={() => setSecret(null)} />
    </Card>
  );
}
