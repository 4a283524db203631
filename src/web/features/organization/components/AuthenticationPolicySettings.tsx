import { Alert, Anchor, Switch } from '@mantine/core';
import { Link } from 'react-router';
import { isPrivilegedSet } from '../../../../contracts/permissions';
import { useMe } from '../../../shared/useMe';
import { useSettingsSection, type Draft } from '../hooks/useSettingsSection';
import { SettingsSectionCard } from './SettingsSectionCard';
import { t } from '../../../shared/i18n';

const KEYS = ['requirePasskeysForPrivilegedUsers', 'requirePasskeysForAllUsers'] as const;
type Policy = Pick<Draft, (typeof KEYS)[number]>;

/** True when saving would newly require a passkey of the signed-in administrator, who has none. */
function policyWouldStopMe(draft: Policy, saved: Policy, passkeyCount: number, permissions: string[]): boolean {
  if (passkeyCount > 0) return false;
  const all = draft.requirePasskeysForAllUsers && !saved.requirePasskeysForAllUsers;
  const privileged = draft.requirePasskeysForPrivilegedUsers && !saved.requirePasskeysForPrivilegedUsers && isPrivilegedSet(permissions);
  return all || privileged;
}

/** Passkeys required for privileged users or for everyone, with a warning when that would lock out the signed-in administrator. */
export function AuthenticationPolicySettings({ editable }: { editable: boolean }) {
  const me = useMe();
  const section = useSettingsSection(KEYS);
  const { values, server, set } = section;
  if (!values || !server) return null;
  return (
    <SettingsSectionCard
      title={t('settings.authPolicy')}
      what={t('settings.authPolicy.what')}
      description={t('settings.authPolicy.description')}
      section={section}
      editable={editable}
    >
      <Switch
        label={t('settings.passkeysPrivileged')}
        description={t('settings.passkeysPrivileged.description')}
        checked={values.requirePasskeysForPrivilegedUsers}
        onChange={(e) => set('requirePasskeysForPrivilegedUsers', e.currentTarget.checked)}
        disabled={!editable}
      />
      <Switch
        label={t('settings.passkeysAll')}
        description={t('settings.passkeysAll.description')}
        checked={values.requirePasskeysForAllUsers}
        onChange={(e) => set('requirePasskeysForAllUsers', e.currentTarget.checked)}
        disabled={!editable}
      />
      {me.data && policyWouldStopMe(values, server, me.data.passkeyCount, me.data.permissions) && (
        <Alert color="yellow" title={t('settings.noPasskey')} role="status">
          {t('settings.noPasskeyText')}{' '}
          <Anchor component={Link} to="/account/security" c="inherit" fw={600} underline="always">
            {t('settings.addPasskeyNow')}
          </Anchor>
        </Alert>
      )}
    </SettingsSectionCard>
  );
}
