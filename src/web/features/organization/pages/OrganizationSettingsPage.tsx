import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { useCan } from '../../../shared/useMe';
import { UsageRetentionCard } from '../../usage';
import { fetchSettings, settingsKey } from '../api';
import { AuthenticationPolicySettings } from '../components/AuthenticationPolicySettings';
import { GeneralSettings } from '../components/GeneralSettings';
import { InvitationSettings } from '../components/InvitationSettings';
import { SingleSignOnSettings } from '../components/SingleSignOnSettings';

/**
 * /admin/settings — organization name, invitations, the Authentication Policy, single sign-on and
 * usage data. One save model: every card saves its own fields with its own Save (see SaveBar).
 */
export function OrganizationSettingsPage() {
  const can = useCan();
  const editable = can('organization.manage_settings');
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchSettings });

  if (settings.isLoading)
    return (
      <Center h={300}>
        <Loader aria-label="Loading settings" />
      </Center>
    );
  if (!settings.data) return <LoadFailure error={settings.error} title="Could not load the settings" />;

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1} size="h2">
          Organization settings
        </Title>
        <Text c="dimmed" size="sm">
          Settings that apply to everyone in {settings.data.name}. Each section saves on its own.
        </Text>
      </div>
      {!editable && (
        <Alert color="gray" icon={<IconLock size={18} />} title="Read only">
          Your role can view these settings but not change them.
        </Alert>
      )}
      <GeneralSettings editable={editable} />
      <InvitationSettings editable={editable} />
      <AuthenticationPolicySettings editable={editable} />
      <SingleSignOnSettings editable={editable} />
      <UsageRetentionCard editable={editable} />
    </Stack>
  );
}
