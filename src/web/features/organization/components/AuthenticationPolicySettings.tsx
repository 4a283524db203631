import { Alert, Anchor, Switch } from '@mantine/core';
import { Link } from 'react-router';
import { isPrivilegedSet } from '../../../../contracts/permissions';
import { useMe } from '../../../shared/useMe';
import { useSettingsSection, type Draft } from '../hooks/useSettingsSection';
import { SettingsSectionCard } from './SettingsSectionCard';

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
      title="Authentication Policy"
      description="Passkeys are phishing-resistant sign-in credentials on the user’s device."
      section={section}
      editable={editable}
    >
      <Switch
        label="Require passkeys for privileged users"
        description="Users whose role can affect other users, security or organization settings must use a passkey."
        checked={values.requirePasskeysForPrivilegedUsers}
        onChange={(e) => set('requirePasskeysForPrivilegedUsers', e.currentTarget.checked)}
        disabled={!editable}
      />
      <Switch
        label="Require passkeys for all users"
        description="Everyone in the organization must use a passkey."
        checked={values.requirePasskeysForAllUsers}
        onChange={(e) => set('requirePasskeysForAllUsers', e.currentTarget.checked)}
        disabled={!editable}
      />
      {me.data && policyWouldStopMe(values, server, me.data.passkeyCount, me.data.permissions) && (
        <Alert color="yellow" title="You have no passkey yet" role="status">
          Once saved, this policy applies to you too: Sofie will ask you to add a passkey before you can do anything else.{' '}
          <Anchor component={Link} to="/account/security" c="inherit" fw={600} underline="always">
            Add a passkey now
          </Anchor>
        </Alert>
      )}
    </SettingsSectionCard>
  );
}
