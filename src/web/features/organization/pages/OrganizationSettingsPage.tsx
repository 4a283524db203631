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
import { t } from '../../../shared/i18n';

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
        <Loader aria-label={t('settings.loading')} />
      </Center>
    );
  if (!settings.data) return <LoadFailure error={settings.error} title={t('settings.loadFailed')} />;

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1} size="h2">
          {t('settings.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('settings.intro', { name: settings.data.name })}
        </Text>
      </div>
      {!editable && (
        <Alert color="gray" icon={<IconLock size={18} />} title={t('settings.readOnly')}>
          {t('settings.readOnlyText')}
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
