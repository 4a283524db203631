import { Alert, Anchor, Switch } from '@mantine/core';
import { Link } from 'react-router';
import { isPrivilegedSet } from '../../../../contracts/permissions';
import { useMe } from '../../../shared/useMe';
import type { Draft, SettingsDraft } from '../hooks/useSettingsDraft';
import { SettingsCard } from './SettingsCard';

/** True when saving would newly require a passkey of the signed-in administrator, who has none. */
function policyWouldStopMe(draft: Draft, saved: Draft, passkeyCount: number, permissions: string[]): boolean {
  if (passkeyCount > 0) return false;
  const all = draft.requirePasskeysForAllUsers && !saved.requirePasskeysForAllUsers;
  const privileged = draft.requirePasskeysForPrivilegedUsers && !saved.requirePasskeysForPrivilegedUsers && isPrivilegedSet(permissions);
  return all || privileged;
}

/** Passkeys required for privileged users or for everyone, with a warning when that would lock out the signed-in administrator. */
export function AuthenticationPolicySettings({ form, draft, editable }: { form: SettingsDraft; draft: Draft; editable: boolean }) {
  const me = useMe();
  const { set, saved } = form;
  return (
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
          <Anchor component={Link} to="/account/security" c="inherit" fw={600} underline="always">
            Add a passkey now
          </Anchor>
        </Alert>
      )}
    </SettingsCard>
  );
}
