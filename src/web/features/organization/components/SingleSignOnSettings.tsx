import { Button, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { useSso } from '../hooks/useSso';
import { AddSsoConnectionModal } from './AddSsoConnectionModal';
import { MagicLinkPolicy } from './MagicLinkPolicy';
import { SettingsCard } from './SettingsCard';
import { SsoConnectionCard } from './SsoConnectionCard';
import { SsoDomains } from './SsoDomains';
import { t } from '../../../shared/i18n';

/** Organization settings → "Single sign-on": connections, verified domains and the magic-link policy. */
export function SingleSignOnSettings({ editable }: { editable: boolean }) {
  const sso = useSso();
  const [adding, setAdding] = useState(false);
  const data = sso.overview.data;
  return (
    <SettingsCard title={t('sso.title')} description={t('sso.description')}>
      {sso.overview.isLoading && <Loader size="sm" aria-label={t('sso.loading')} />}
      {sso.overview.isError && <Text c="red">{errorMessage(sso.overview.error)}</Text>}
      {data && (
        <Stack gap="md">
          {data.connections.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('sso.noConnection')}
            </Text>
          )}
          {data.connections.map((c) => (
            <SsoConnectionCard key={c.id} connection={c} sso={sso} editable={editable} />
          ))}
          {editable && (
            <Group>
              <Button variant="default" onClick={() => setAdding(true)}>
                {t('sso.addConnection')}
              </Button>
            </Group>
          )}
          <Divider />
          <SsoDomains data={data} sso={sso} editable={editable} />
          <Divider />
          <MagicLinkPolicy data={data} editable={editable} />
          <AddSsoConnectionModal opened={adding} onClose={() => setAdding(false)} sso={sso} redirectUri={`${window.location.origin}/api/sso/oidc/callback`} />
        </Stack>
      )}
    </SettingsCard>
  );
}
