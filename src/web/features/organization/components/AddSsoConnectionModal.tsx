import { Alert, Button, Checkbox, Code, Group, Modal, PasswordInput, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import type { NewSsoConnection } from '../api';
import type { SsoHook } from '../hooks/useSso';
import { AddSamlConnectionForm } from './AddSamlConnectionForm';
import { t, type PlainMessageKey } from '../../../shared/i18n';

const presets = () => [
  { value: 'entra', label: t('sso.preset.entra') },
  { value: 'okta', label: t('sso.preset.okta') },
  { value: 'google', label: t('sso.preset.google') },
  { value: 'generic', label: t('sso.preset.generic') },
];

const ISSUER_HINT: Record<NewSsoConnection['preset'], PlainMessageKey> = {
  entra: 'sso.issuerHint.entra',
  google: 'sso.issuerHint.google',
  okta: 'sso.issuerHint.okta',
  generic: 'sso.issuerHint.generic',
};

function useConnectionForm() {
  return useForm({
    initialValues: {
      preset: 'entra',
      name: t('sso.preset.entra'),
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
        label={t('sso.identityProvider')}
        data={presets()}
        allowDeselect={false}
        value={form.values.preset}
        onChange={(value: string | null) => {
          form.setFieldValue('preset', value ?? 'generic');
          form.setFieldValue('name', presets().find((p) => p.value === value)?.label ?? '');
        }}
      />
      <TextInput label={t('sso.name')} withAsterisk {...form.getInputProps('name')} />
      {preset === 'entra' && (
        <TextInput label={t('sso.tenantId')} withAsterisk description={t('sso.tenantId.description')} {...form.getInputProps('tenantId')} />
      )}
      {preset === 'google' && (
        <TagsInput label={t('sso.hostedDomains')} description={t('sso.hostedDomains.description')} withAsterisk {...form.getInputProps('hostedDomains')} />
      )}
      <TextInput
        label={t('sso.issuer')}
        withAsterisk={preset === 'okta' || preset === 'generic'}
        description={t(ISSUER_HINT[preset])}
        {...form.getInputProps('issuer')}
      />
    </>
  );
}

const clientAuth = () => [
  { value: 'client_secret_basic', label: t('sso.clientAuth.secret') },
  { value: 'private_key_jwt', label: t('sso.clientAuth.jwt') },
];

function ClientAuthFields({ form }: { form: ConnectionForm }) {
  return (
    <>
      <Select label={t('sso.clientAuth')} data={clientAuth()} allowDeselect={false} {...form.getInputProps('tokenAuthMethod')} />
      {form.values.tokenAuthMethod === 'client_secret_basic' ? (
        <PasswordInput
          label={t('sso.clientSecret')}
          withAsterisk
          description={t('sso.clientSecret.description')}
          visibilityToggleButtonProps={{ 'aria-label': t('sso.clientSecret.toggle') }}
          {...form.getInputProps('clientSecret')}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('sso.jwksLater')}
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
    <Modal opened={opened} onClose={onClose} title={t('sso.addTitle')} size="lg">
      <SegmentedControl
        mb="md"
        aria-label={t('sso.protocol')}
        value={kind}
        onChange={setKind}
        data={[
          { value: 'oidc', label: t('sso.protocol.oidc') },
          { value: 'saml', label: t('sso.protocol.saml') },
        ]}
      />
      {kind === 'saml' ? (
        <AddSamlConnectionForm onClose={onClose} />
      ) : (
        <form onSubmit={form.onSubmit((v) => sso.create.mutate(toBody(v), { onSuccess: onClose }))}>
          <Stack>
            <Text size="sm">
              {t('sso.redirectUri')} <Code>{redirectUri}</Code>
            </Text>
            <PresetFields form={form} />
            <TextInput label={t('sso.clientId')} withAsterisk {...form.getInputProps('clientId')} />
            <ClientAuthFields form={form} />
            <TextInput label={t('sso.groupsClaim')} description={t('sso.groupsClaim.description')} {...form.getInputProps('groupsClaim')} />
            <Checkbox label={t('sso.jit')} {...form.getInputProps('jitEnabled', { type: 'checkbox' })} />
            {sso.create.isError && <Alert color="red">{errorMessage(sso.create.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={sso.create.isPending}>
                {t('sso.addConnection')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
