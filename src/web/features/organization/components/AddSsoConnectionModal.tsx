import { Alert, Button, Checkbox, Code, Group, Modal, PasswordInput, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import type { NewSsoConnection } from '../api';
import type { SsoHook } from '../hooks/useSso';
import { AddSamlConnectionForm } from './AddSamlConnectionForm';

const PRESETS = [
  { value: 'entra', label: 'Microsoft Entra ID' },
  { value: 'okta', label: 'Okta' },
  { value: 'google', label: 'Google Workspace' },
  { value: 'generic', label: 'Other OpenID Connect provider' },
];

const ISSUER_HINT: Record<NewSsoConnection['preset'], string> = {
  entra: 'Leave empty: https://login.microsoftonline.com/<tenant>/v2.0 is used.',
  google: 'Leave empty: https://accounts.google.com is used.',
  okta: 'https://<your-org>.okta.com or https://<your-org>.okta.com/oauth2/default',
  generic: 'The issuer; its /.well-known/openid-configuration is read.',
};

function useConnectionForm() {
  return useForm({
    initialValues: {
      preset: 'entra',
      name: 'Microsoft Entra ID',
      issuer: '',
      clientId: '',
      clientSecret: '',
      tokenAuthMethod: 'client_secret_basic',
      groupsClaim: 'groups',
      tenantId: '',
      hostedDomains: [] as string[],
      jitEnabled: false,
    },
  });
}
type ConnectionForm = ReturnType<typeof useConnectionForm>;

function toBody(v: ConnectionForm['values']): NewSsoConnection {
  const preset = v.preset as NewSsoConnection['preset'];
  return {
    name: v.name.trim(),
    preset,
    clientId: v.clientId.trim(),
    tokenAuthMethod: v.tokenAuthMethod as NewSsoConnection['tokenAuthMethod'],
    ...(v.tokenAuthMethod === 'client_secret_basic' ? { clientSecret: v.clientSecret } : {}),
    groupsClaim: v.groupsClaim.trim() || 'groups',
    jitEnabled: v.jitEnabled,
    ...(v.issuer.trim() ? { issuer: v.issuer.trim() } : {}),
    ...(preset === 'entra' ? { tenantId: v.tenantId.trim() } : {}),
    ...(preset === 'google' ? { hostedDomains: v.hostedDomains } : {}),
  };
}

/** What each preset asks besides the client: the tenant (Entra), the allowed domains (Google), the issuer. */
function PresetFields({ form }: { form: ConnectionForm }) {
  const preset = form.values.preset as NewSsoConnection['preset'];
  return (
    <>
      <Select
        label="Identity provider"
        data={PRESETS}
        allowDeselect={false}
        value={form.values.preset}
        onChange={(value: string | null) => {
          form.setFieldValue('preset', value ?? 'generic');
          form.setFieldValue('name', PRESETS.find((p) => p.value === value)?.label ?? '');
        }}
      />
      <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
      {preset === 'entra' && (
        <TextInput
          label="Directory (Tenant) ID"
          withAsterisk
          description="Your tenant's GUID. Multi-tenant endpoints (common, organizations) are refused."
          {...form.getInputProps('tenantId')}
        />
      )}
      {preset === 'google' && (
        <TagsInput
          label="Allowed Google Workspace domains"
          description="The hd claim must be one of these."
          withAsterisk
          {...form.getInputProps('hostedDomains')}
        />
      )}
      <TextInput
        label="Issuer URL"
        withAsterisk={preset === 'okta' || preset === 'generic'}
        description={ISSUER_HINT[preset]}
        {...form.getInputProps('issuer')}
      />
    </>
  );
}

const CLIENT_AUTH = [
  { value: 'client_secret_basic', label: 'Client secret' },
  { value: 'private_key_jwt', label: 'Private-key JWT (a key pair generated here)' },
];

function ClientAuthFields({ form }: { form: ConnectionForm }) {
  return (
    <>
      <Select label="Client authentication" data={CLIENT_AUTH} allowDeselect={false} {...form.getInputProps('tokenAuthMethod')} />
      {form.values.tokenAuthMethod === 'client_secret_basic' ? (
        <PasswordInput label="Client secret" withAsterisk description="Stored sealed and never shown again." {...form.getInputProps('clientSecret')} />
      ) : (
        <Text size="sm" c="dimmed">
          Once added, the connection shows the URL of its public key set to give the identity provider.
        </Text>
      )}
    </>
  );
}

/** "Add connection": the preset decides which fields are asked. */
export function AddSsoConnectionModal({ opened, onClose, sso, redirectUri }: { opened: boolean; onClose: () => void; sso: SsoHook; redirectUri: string }) {
  const form = useConnectionForm();
  const [kind, setKind] = useState('oidc');
  return (
    <Modal opened={opened} onClose={onClose} title="Add a single sign-on connection" size="lg">
      <SegmentedControl
        mb="md"
        aria-label="Protocol"
        value={kind}
        onChange={setKind}
        data={[
          { value: 'oidc', label: 'OpenID Connect' },
          { value: 'saml', label: 'SAML 2.0' },
        ]}
      />
      {kind === 'saml' ? (
        <AddSamlConnectionForm onClose={onClose} />
      ) : (
        <form onSubmit={form.onSubmit((v) => sso.create.mutate(toBody(v), { onSuccess: onClose }))}>
          <Stack>
            <Text size="sm">
              Register this redirect URI at the identity provider: <Code>{redirectUri}</Code>
            </Text>
            <PresetFields form={form} />
            <TextInput label="Application (Client) ID" withAsterisk {...form.getInputProps('clientId')} />
            <ClientAuthFields form={form} />
            <TextInput label="Groups claim" description="The ID token claim that lists the user's IdP groups." {...form.getInputProps('groupsClaim')} />
            <Checkbox
              label="Create accounts on first sign-in (just-in-time), with the default role"
              {...form.getInputProps('jitEnabled', { type: 'checkbox' })}
            />
            {sso.create.isError && <Alert color="red">{errorMessage(sso.create.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={sso.create.isPending}>
                Add connection
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
