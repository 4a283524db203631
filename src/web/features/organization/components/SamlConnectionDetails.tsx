import { Button, Code, CopyButton, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { SsoConnection } from '../../../../contracts/sso';
import { formatDateTime } from '../../../shared/format';
import { useSaml } from '../hooks/useSaml';
import { MetadataSource, useSamlForm, type Source } from './AddSamlConnectionForm';
import { t } from '../../../shared/i18n';

type Saml = NonNullable<SsoConnection['saml']>;

function CopyRow({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Code style={{ wordBreak: 'break-all' }}>{value}</Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={t('sso.copyLabel', { label })}>
                {copied ? t('sso.copied') : t('sso.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** New metadata for the identity provider side: a changed certificate (rotation) or a new identity provider. */
function MetadataUpdate({ id, saml }: { id: string; saml: Saml }) {
  const hook = useSaml();
  const form = useSamlForm();
  const [source, setSource] = useState<Source>(saml.idpMetadataUrl ? 'url' : 'xml');
  const save = () =>
    hook.update.mutate({
      id,
      patch:
        source === 'url'
          ? { metadataUrl: form.values.metadataUrl.trim() || undefined, refreshMetadata: !form.values.metadataUrl.trim() }
          : { metadataXml: form.values.metadataXml },
    });
  return (
    <Stack gap="xs">
      <MetadataSource source={source} onSource={setSource} form={form} />
      <Group>
        <Button size="xs" variant="default" onClick={save} loading={hook.update.isPending} disabled={source === 'later'}>
          {source === 'url' && !form.values.metadataUrl.trim() ? t('sso.readMetadataAgain') : t('sso.saveMetadata')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A SAML connection: what to enter at the identity provider, and what we read from it. */
export function SamlConnectionDetails({ connection, editable }: { connection: SsoConnection; editable: boolean }) {
  const hook = useSaml();
  const saml = connection.saml!;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('sso.enterAtIdp')}
      </Text>
      <Table withRowBorders={false} aria-label={t('sso.spSettings')}>
        <Table.Tbody>
          <CopyRow label={t('sso.spMetadataUrl')} value={saml.spMetadataUrl} />
          <CopyRow label={t('sso.entityId')} value={saml.spEntityId} />
          <CopyRow label={t('sso.acsUrl')} value={saml.acsUrl} />
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={500}>
        {t('sso.identityProvider')}
      </Text>
      {saml.certificates.length === 0 ? (
        <Text size="sm" c="var(--mantine-color-error)">
          {t('sso.noIdp')}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {t('sso.idpSignIn', { entityId: saml.idpEntityId ?? '', url: saml.idpSsoUrl ?? '' })}
          {saml.certificates.map((c) => (
            <span key={c.fingerprintSha256}>
              <br />
              {t('sso.certificate', { subject: c.subject, fingerprint: c.fingerprintSha256, expires: formatDateTime(c.notAfter) })}
            </span>
          ))}
        </Text>
      )}
      {editable && (
        <>
          <MetadataUpdate id={connection.id} saml={saml} />
          <Switch
            label={t('sso.idpInitiated')}
            description={t('sso.idpInitiated.description')}
            checked={saml.allowIdpInitiated}
            onChange={(e) => hook.update.mutate({ id: connection.id, patch: { allowIdpInitiated: e.currentTarget.checked } })}
          />
        </>
      )}
    </Stack>
  );
}
