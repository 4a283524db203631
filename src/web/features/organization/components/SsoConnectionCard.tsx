import { Alert, Button, Card, Code, Group, Stack, Switch, Text } from '@mantine/core';
import type { SsoConnection } from '../../../../contracts/sso';
import { formatDateTime } from '../../../shared/format';
import { ssoTestUrl } from '../api';
import type { SsoHook } from '../hooks/useSso';
import { SamlConnectionDetails } from './SamlConnectionDetails';
import { ClientAuthentication } from './SsoClientAuthentication';
import { SsoAttributeMapping } from './SsoAttributeMapping';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { t, type PlainMessageKey } from '../../../shared/i18n';

const PRESET_LABEL: Record<SsoConnection['preset'], PlainMessageKey> = {
  entra: 'sso.preset.entra',
  okta: 'sso.preset.okta',
  google: 'sso.preset.google',
  generic: 'sso.presetShort.generic',
};

/** What the last "Test connection" received: the claims, the account they map to, or the error in plain words. */
function TestReport({ test }: { test: NonNullable<SsoConnection['lastTest']> }) {
  return (
    <Stack gap={6} aria-label={t('sso.testResult')}>
      {test.ok ? (
        <Alert color="green" title={t('sso.testPassed')}>
          {test.mapsTo?.text}
        </Alert>
      ) : (
        <Alert color="red" title={t('sso.testFailed')}>
          {test.error?.message}
          {test.error?.detail && (
            <Text size="xs" mt={4}>
              {test.error.detail}
            </Text>
          )}
        </Alert>
      )}
      {Object.keys(test.claims).length > 0 && (
        <>
          <Text size="sm" fw={500}>
            {t('sso.claimsReceived', { at: formatDateTime(test.at) })}
          </Text>
          <Code block>{JSON.stringify(test.claims, null, 2)}</Code>
        </>
      )}
    </Stack>
  );
}

export function SsoConnectionCard({ connection, sso, editable }: { connection: SsoConnection; sso: SsoHook; editable: boolean }) {
  const test = () => window.open(ssoTestUrl(connection.id), 'sofie-sso-test', 'popup,width=560,height=720');
  return (
    <Card withBorder padding="md" aria-label={t('sso.connectionLabel', { name: connection.name })}>
      <Stack gap="xs">
        <Group justify="space-between">
          <div>
            <Text fw={600}>{connection.name}</Text>
            <Text size="xs" c="dimmed">
              {connection.kind === 'saml'
                ? t('sso.protocol.saml')
                : t('sso.summary', { preset: t(PRESET_LABEL[connection.preset]), issuer: connection.issuer, clientId: connection.clientId })}
              {connection.tenantId ? t('sso.tenant', { tenantId: connection.tenantId }) : ''}
            </Text>
          </div>
          <Group gap="xs">
            {connection.lastTest && (
              <SoftBadge color={connection.lastTest.ok ? 'green' : 'red'}>{connection.lastTest.ok ? t('sso.testPassed') : t('sso.testFailed')}</SoftBadge>
            )}
            {connection.adminSignedInAt && <SoftBadge color="blue">{t('sso.adminSignedIn')}</SoftBadge>}
          </Group>
        </Group>
        {editable && (
          <Group>
            <Button size="xs" onClick={test}>
              {t('sso.testConnection')}
            </Button>
            <Switch
              label={t('sso.jitAccounts')}
              checked={connection.jitEnabled}
              onChange={(e) => sso.update.mutate({ id: connection.id, patch: { jitEnabled: e.currentTarget.checked } })}
            />
            <Button size="xs" variant="subtle" color="red" onClick={() => sso.remove.mutate(connection.id)}>
              {t('sso.remove')}
            </Button>
          </Group>
        )}
        {connection.kind === 'saml' ? <SamlConnectionDetails connection={connection} editable={editable} /> : <ClientAuthentication connection={connection} />}
        {connection.lastTest && <TestReport test={connection.lastTest} />}
        <SsoAttributeMapping connection={connection} sso={sso} editable={editable} />
      </Stack>
    </Card>
  );
}
