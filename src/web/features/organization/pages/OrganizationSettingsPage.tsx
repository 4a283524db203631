import { Alert, Anchor, Button, Card, Center, Group, Loader, NumberInput, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { OrganizationSettings } from '../../../../contracts/organization';
import { isPrivilegedSet } from '../../../../contracts/permissions';
import { ApiError, errorMessage } from '../../../shared/api';
import { useCan, useMe } from '../../../shared/useMe';
import { ReasonField } from '../../../shared/reason/ReasonField';
import { UsageRetentionCard } from '../../usage';
import { fetchSettings, settingsKey, updateSettings, type SettingsPatch } from '../api';
import { LoadFailure } from '../../../shared/access/LoadFailure';

type Draft = Omit<OrganizationSettings, 'version'>;

const toDraft = ({ version: _v, ...rest }: OrganizationSettings): Draft => rest;

function SettingsCard({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-label={title}>
      <Title order={3} size="h4">{title}</Title>
      {description && <Text size="sm" c="gray.7" mt={2}>{description}</Text>}
      <Stack mt="md" gap="md">{children}</Stack>
    </Card>
  );
}

/** True when saving would newly require a passkey of the signed-in administrator, who has none. */
function policyWouldStopMe(draft: Draft, saved: Draft, passkeyCount: number, permissions: string[]): boolean {
  if (passkeyCount > 0) return false;
  const all = draft.requirePasskeysForAllUsers && !saved.requirePasskeysForAllUsers;
  const privileged = draft.requirePasskeysForPrivilegedUsers && !saved.requirePasskeysForPrivilegedUsers && isPrivilegedSet(permissions);
  return all || privileged;
}

/** /admin/settings — organization name, invitations, reasons, and the Authentication Policy. */
export function OrganizationSettingsPage() {
  const can = useCan();
  const me = useMe();
  const editable = can('organization.manage_settings');
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchSettings });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reason, setReason] = useState('');
  const [domainError, setDomainError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data && !draft) setDraft(toDraft(settings.data));
  }, [settings.data, draft]);

  const saved = settings.data ? toDraft(settings.data) : null;
  const patch: SettingsPatch = {};
  if (draft && saved) {
    for (const key of Object.keys(draft) as (keyof Draft)[]) {
      if (JSON.stringify(draft[key]) !== JSON.stringify(saved[key])) (patch as Record<string, unknown>)[key] = draft[key];
    }
  }
  const dirty = Object.keys(patch).length > 0;

  const mutation = useMutation({
    mutationFn: () => updateSettings({ ...patch, reason: reason.trim() || undefined }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      setDraft(toDraft(data));
      setReason('');
      notifications.show({ color: 'green', message: 'Organization settings saved.' });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'INVALID_DOMAIN') setDomainError(error.message);
    },
  });

  if (settings.isLoading || (!draft && settings.data)) return <Center h={300}><Loader aria-label="Loading settings" /></Center>;
  if (!draft) return <LoadFailure error={settings.error} title="Could not load the settings" />;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));

  return (
    <Stack gap="lg" maw={760}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) mutation.mutate();
        }}
      >
        <Stack gap="lg">
          <div>
            <Title order={2}>Organization settings</Title>
            <Text c="gray.7" size="sm">Settings that apply to everyone in {saved?.name}.</Text>
          </div>
          {!editable && (
            <Alert color="gray" icon={<IconLock size={18} />} title="Read only">
              Your role can view these settings but not change them.
            </Alert>
          )}
          <SettingsCard title="General">
            <TextInput label="Organization name" withAsterisk maxLength={200} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} readOnly={!editable} error={draft.name.trim() === '' ? 'The organization needs a name.' : undefined} />
          </SettingsCard>

          <SettingsCard title="Invitations and user changes">
            <NumberInput
              label="Invitation expiry (days)"
              description="How long an invitation link works. Resending starts the period again."
              min={1}
              max={90}
              clampBehavior="strict"
              allowDecimal={false}
              w={220}
              value={draft.invitationExpiryDays}
              onChange={(v) => set('invitationExpiryDays', typeof v === 'number' ? v : Number(v) || 1)}
              readOnly={!editable}
            />
            <TagsInput
              label="Allowed email domains"
              description="Only addresses at these domains can be invited. Leave empty to allow any domain. Press Enter after each domain."
              placeholder={draft.allowedEmailDomains.length ? undefined : 'example.com'}
              value={draft.allowedEmailDomains}
              onChange={(v) => {
                setDomainError(null);
                set('allowedEmailDomains', v.map((d) => d.trim().toLowerCase()));
              }}
              splitChars={[',', ' ', ';']}
              clearable={editable}
              readOnly={!editable}
              error={domainError}
            />
            <Switch
              label="Business reason required for user changes"
              description="Role, group, session and invitation changes must say why; the reason is kept in the audit log."
              checked={draft.businessReasonRequired}
              onChange={(e) => set('businessReasonRequired', e.currentTarget.checked)}
              disabled={!editable}
            />
          </SettingsCard>

          <SettingsCard title="Authentication Policy" description="Passkeys are phishing-resistant sign-in credentials on the user’s device.">
            <Switch
              label="Require passkeys for privileged users"
              description="Users whose role can affect other users, security or organization settings must use a passkey."
              checked={draft.requirePasskeysForPrivilegedUsers}
              onChange={(e) => set('requirePasskeysForPrivilegedUsers', e.currentTarget.checked)}
              disabled={!editable}
            />
            <Switch
              label="Require passkeys for all users"
              description="Everyone in the organization must use a passkey."
              checked={draft.requirePasskeysForAllUsers}
              onChange={(e) => set('requirePasskeysForAllUsers', e.currentTarget.checked)}
              disabled={!editable}
            />
            {saved && me.data && policyWouldStopMe(draft, saved, me.data.passkeyCount, me.data.permissions) && (
              <Alert color="yellow" title="You have no passkey yet" role="status">
                Once saved, this policy applies to you too: Sofie will ask you to add a passkey before you can do anything else.{' '}
                <Anchor component={Link} to="/account/security" c="inherit" fw={600} underline="always">Add a passkey now</Anchor>
              </Alert>
            )}
          </SettingsCard>

          {editable && (
            <Card withBorder padding="lg">
              <Stack>
                <ReasonField value={reason} onChange={setReason} required={false} placeholder="e.g. Security review decision (ticket SEC-42)" />
                {mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === 'INVALID_DOMAIN') && (
                  <Alert color="red" title="Not saved" role="alert">{errorMessage(mutation.error)}</Alert>
                )}
                <Group justify="flex-end">
                  <Button variant="default" disabled={!dirty || mutation.isPending} onClick={() => { setDraft(saved); setDomainError(null); mutation.reset(); }}>
                    Discard changes
                  </Button>
                  <Button type="submit" color="indigo.7" disabled={!dirty || draft.name.trim() === ''} loading={mutation.isPending}>Save settings</Button>
                </Group>
              </Stack>
            </Card>
          )}
        </Stack>
      </form>
      <UsageRetentionCard editable={editable} />
    </Stack>
  );
}
