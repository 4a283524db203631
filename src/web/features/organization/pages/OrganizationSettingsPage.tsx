import { Alert, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useCan } from '../../../shared/useMe';
import { UsageRetentionCard } from '../../usage';
import { AuthenticationPolicySettings } from '../components/AuthenticationPolicySettings';
import { InvitationSettings } from '../components/InvitationSettings';
import { SaveSettingsCard } from '../components/SaveSettingsCard';
import { SettingsCard } from '../components/SettingsCard';
import { SingleSignOnSettings } from '../components/SingleSignOnSettings';
import { useSettingsDraft } from '../hooks/useSettingsDraft';
import { LoadFailure } from '../../../shared/access/LoadFailure';

/** /admin/settings — organization name, invitations, reasons, and the Authentication Policy. */
export function OrganizationSettingsPage() {
  const can = useCan();
  const editable = can('organization.manage_settings');
  const form = useSettingsDraft();
  const { settings, draft, saved, set, dirty, mutation } = form;

  if (settings.isLoading || (!draft && settings.data))
    return (
      <Center h={300}>
        <Loader aria-label="Loading settings" />
      </Center>
    );
  if (!draft) return <LoadFailure error={settings.error} title="Could not load the settings" />;

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
            <Title order={1} size="h2">
              Organization settings
            </Title>
            <Text c="gray.7" size="sm">
              Settings that apply to everyone in {saved?.name}.
            </Text>
          </div>
          {!editable && (
            <Alert color="gray" icon={<IconLock size={18} />} title="Read only">
              Your role can view these settings but not change them.
            </Alert>
          )}
          <SettingsCard title="General">
            <TextInput
              label="Organization name"
              withAsterisk
              maxLength={200}
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              readOnly={!editable}
              error={draft.name.trim() === '' ? 'The organization needs a name.' : undefined}
            />
          </SettingsCard>

          <InvitationSettings form={form} draft={draft} editable={editable} />

          <AuthenticationPolicySettings form={form} draft={draft} editable={editable} />

          {editable && <SaveSettingsCard form={form} draft={draft} />}
        </Stack>
      </form>
      <SingleSignOnSettings editable={editable} />
      <UsageRetentionCard editable={editable} />
    </Stack>
  );
}
