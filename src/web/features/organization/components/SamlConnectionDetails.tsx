import { Button, Code, CopyButton, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { SsoConnection } from '../../../../contracts/sso';
import { formatDateTime } from '../../../shared/format';
import { useSaml } from '../hooks/useSaml';
import { MetadataSource, useSamlForm, type Source } from './AddSamlConnectionForm';

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
              <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy ${label}`}>
                {copied ? 'Copied' : 'Copy'}
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
          {source === 'url' && !form.values.metadataUrl.trim() ? 'Read the metadata URL again' : 'Save metadata'}
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
        Enter these at the identity provider (or give it the SP metadata URL)
      </Text>
      <Table withRowBorders={false} aria-label="Service provider settings">
        <Table.Tbody>
          <CopyRow label="SP metadata URL" value={saml.spMetadataUrl} />
          <CopyRow label="Entity ID (audience)" value={saml.spEntityId} />
          <CopyRow label="ACS URL (reply URL)" value={saml.acsUrl} />
        </Table.Tbody>
      </Table>
      <Text size="sm" fw={500}>
        Identity provider
      </Text>
      {saml.certificates.length === 0 ? (
        <Text size="sm" c="var(--mantine-color-error)">
          No identity provider yet: give its metadata below.
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {saml.idpEntityId} · sign-in at {saml.idpSsoUrl}
          {saml.certificates.map((c) => (
            <span key={c.fingerprintSha256}>
              <br />
              Certificate {c.subject} · SHA-256 {c.fingerprintSha256} · expires {formatDateTime(c.notAfter)}
            </span>
          ))}
        </Text>
      )}
      {editable && (
        <>
          <MetadataUpdate id={connection.id} saml={saml} />
          <Switch
            label="Allow sign-in started at the identity provider (IdP-initiated)"
            description="Off by default: an unsolicited response cannot be tied to a sign-in this browser started."
            checked={saml.allowIdpInitiated}
            onChange={(e) => hook.update.mutate({ id: connection.id, patch: { allowIdpInitiated: e.currentTarget.checked } })}
          />
        </>
      )}
    </Stack>
  );
}
