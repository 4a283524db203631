import { Stack, Text, Title } from '@mantine/core';
import { useCan } from '../../../shared/useMe';
import { LogStreamingCard } from '../components/LogStreamingCard';
import { ProvisioningCard } from '../components/ProvisioningCard';
import { ServiceTokensCard } from '../components/ServiceTokensCard';
import { WebhooksCard } from '../components/WebhooksCard';
import { t } from '../../../shared/i18n';

/** /admin/integrations — SCIM provisioning for identity providers, service tokens for Sofie's other services, and webhook endpoints. */
export function IntegrationsPage() {
  const can = useCan();
  return (
    <Stack maw={1100}>
      <div>
        <Title order={1} size="h2">
          {t('integrations.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('integrations.intro')}
        </Text>
      </div>
      {can('provisioning.manage') && <ProvisioningCard />}
      {can('provisioning.manage') && <ServiceTokensCard />}
      {can('integrations.manage') && <WebhooksCard />}
      {can('integrations.manage') && <LogStreamingCard />}
    </Stack>
  );
}
