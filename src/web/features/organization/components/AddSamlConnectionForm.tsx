import { Alert, Button, Checkbox, FileInput, Group, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { useSaml } from '../hooks/useSaml';
import type { NewSamlConnection } from '../samlApi';
import { t } from '../../../shared/i18n';

export type Source = 'later' | 'url' | 'xml';

/** The identity provider's metadata: by URL, pasted or uploaded XML, or later (the IdP often needs our ACS URL first). */
export function MetadataSource({ source, onSource, form }: { source: Source; onSource: (s: Source) => void; form: ReturnType<typeof useSamlForm> }) {
  return (
    <>
      <SegmentedControl
        aria-label={t('sso.metadata')}
        value={source}
        onChange={onSource}
        data={[
          { value: 'later', label: t('sso.metadata.later') },
          { value: 'url', label: t('sso.metadata.url') },
          { value: 'xml', label: t('sso.metadata.xml') },
        ]}
      />
      {source === 'later' && <Text size="sm">{t('sso.metadata.laterText')}</Text>}
      {source === 'url' && (
        <TextInput label={t('sso.metadataUrl')} withAsterisk placeholder={t('sso.metadataUrl.placeholder')} {...form.getInputProps('metadataUrl')} />
      )}
      {source === 'xml' && (
        <>
          <FileInput
            label={t('sso.metadataFile')}
            accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
            onChange={(file) => void file?.text().then((text) => form.setFieldValue('metadataXml', text))}
          />
          <Textarea label={t('sso.metadataPaste')} autosize minRows={3} maxRows={8} {...form.getInputProps('metadataXml')} />
        </>
      )}
    </>
  );
}

export function useSamlForm() {
  return useForm({ initialValues: { name: 'SAML', metadataUrl: '', metadataXml: '', jitEnabled: false } });
}

function toBody(v: ReturnType<typeof useSamlForm>['values'], source: Source): NewSamlConnection {
  return {
    name: v.name.trim(),
    jitEnabled: v.jitEnabled,
    ...(source === 'url' ? { metadataUrl: v.metadataUrl.trim() } : {}),
    ...(source === 'xml' ? { metadataXml: v.metadataXml } : {}),
  };
}

/** "Add connection" → SAML 2.0. */
export function AddSamlConnectionForm({ onClose }: { onClose: () => void }) {
  const saml = useSaml();
  const form = useSamlForm();
  const [source, setSource] = useState<Source>('later');
  return (
    <form onSubmit={form.onSubmit((v) => saml.create.mutate(toBody(v, source), { onSuccess: onClose }))}>
      <Stack>
        <TextInput label={t('sso.name')} withAsterisk {...form.getInputProps('name')} />
        <MetadataSource source={source} onSource={setSource} form={form} />
        <Checkbox label={t('sso.jit')} {...form.getInputProps('jitEnabled', { type: 'checkbox' })} />
        {saml.create.isError && <Alert color="red">{errorMessage(saml.create.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saml.create.isPending}>
            {t('sso.addConnection')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
