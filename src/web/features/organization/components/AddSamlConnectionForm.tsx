import { Alert, Button, Checkbox, FileInput, Group, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { useSaml } from '../hooks/useSaml';
import type { NewSamlConnection } from '../samlApi';

export type Source = 'later' | 'url' | 'xml';

/** The identity provider's metadata: by URL, pasted or uploaded XML, or later (the IdP often needs our ACS URL first). */
export function MetadataSource({ source, onSource, form }: { source: Source; onSource: (s: Source) => void; form: ReturnType<typeof useSamlForm> }) {
  return (
    <>
      <SegmentedControl
        aria-label="Identity provider metadata"
        value={source}
        onChange={onSource}
        data={[
          { value: 'later', label: 'Give metadata later' },
          { value: 'url', label: 'From a URL' },
          { value: 'xml', label: 'Paste or upload XML' },
        ]}
      />
      {source === 'later' && (
        <Text size="sm">The connection shows its ACS URL and entity ID to enter at the identity provider; then give its metadata here.</Text>
      )}
      {source === 'url' && <TextInput label="Metadata URL" withAsterisk placeholder="https://…/metadata" {...form.getInputProps('metadataUrl')} />}
      {source === 'xml' && (
        <>
          <FileInput
            label="Upload the metadata file"
            accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
            onChange={(file) => void file?.text().then((text) => form.setFieldValue('metadataXml', text))}
          />
          <Textarea label="Or paste the metadata XML" autosize minRows={3} maxRows={8} {...form.getInputProps('metadataXml')} />
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
        <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
        <MetadataSource source={source} onSource={setSource} form={form} />
        <Checkbox label="Create accounts on first sign-in (just-in-time), with the default role" {...form.getInputProps('jitEnabled', { type: 'checkbox' })} />
        {saml.create.isError && <Alert color="red">{errorMessage(saml.create.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saml.create.isPending}>
            Add connection
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
