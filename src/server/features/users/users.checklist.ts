import type { ChecklistItem, UserPasskeys } from '../../../contracts/users.js';
import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type { RoleRow } from '../roles/roles.table.js';
import type { UserRow } from './users.table.js';

export interface ChecklistInput {
  user: UserRow;
  role: RoleRow;
  groupCount: number;
  invitation: { status: string; expiresAt: string } | null;
  /** The user's passkeys against the policies that apply; absent where passkeys are not loaded. */
  passkeys?: UserPasskeys;
  now: Date;
}

const DAY = 86_400_000;

/**
 * The seed's "User management checklist", computed from data. An item whose data does not exist yet
 * says so ("not_available") instead of passing.
 */
export function buildChecklist({ user, role, groupCount, invitation, passkeys, now }: ChecklistInput): ChecklistItem[] {
  const userPage = `/admin/users/${user.id}`;
  const privileged = isPrivilegedSet(JSON.parse(role.permissions) as string[]);
  const idleDays = user.last_active_at ? Math.floor((now.getTime() - Date.parse(user.last_active_at)) / DAY) : null;

  const roleItem: ChecklistItem =
    privileged && user.status === 'active' && (idleDays === null || idleDays >= 90)
      ? {
          key: 'role',
          label: 'Role is appropriate',
          state: 'attention',
          detail: `${role.name} is a privileged role, and it has not been used ${idleDays === null ? 'yet' : `for ${idleDays} days`}. Consider a narrower role.`,
          fix: { label: 'Change role', href: `${userPage}#role` },
        }
      : {
          key: 'role',
          label: 'Role is appropriate',
          state: 'ok',
          detail: privileged ? `${role.name} is a privileged role; keep its holders few and reviewed.` : `${role.name}: no privileged permissions.`,
        };

  const groupItem: ChecklistItem =
    groupCount > 0
      ? { key: 'group', label: 'Group is appropriate', state: 'ok', detail: `Member of ${groupCount} group${groupCount === 1 ? '' : 's'}.` }
      : {
          key: 'group',
          label: 'Group is appropriate',
          state: 'attention',
          detail: 'Not in any group. Add a group if the user belongs to a team or access cohort.',
          fix: { label: 'Change groups', href: `${userPage}#groups` },
        };

  let signInItem: ChecklistItem;
  if (user.status === 'invited') {
    const expired = !invitation || invitation.status !== 'pending';
    signInItem = expired
      ? {
          key: 'sign_in',
          label: 'The user knows how to sign in',
          state: 'attention',
          detail: `The invitation is ${invitation?.status ?? 'missing'}; the user cannot sign in until it is resent.`,
          fix: { label: 'Resend invitation', href: `${userPage}#invitation` },
        }
      : {
          key: 'sign_in',
          label: 'The user knows how to sign in',
          state: 'ok',
          detail: `Invitation pending until ${invitation!.expiresAt.slice(0, 10)}; it explains how to sign in.`,
        };
  } else if (user.status === 'deactivated') {
    signInItem = { key: 'sign_in', label: 'The user knows how to sign in', state: 'attention', detail: 'The account is deactivated and cannot sign in.' };
  } else {
    signInItem = user.last_sign_in_at
      ? { key: 'sign_in', label: 'The user knows how to sign in', state: 'ok', detail: `Last signed in ${user.last_sign_in_at.slice(0, 10)}.` }
      : {
          key: 'sign_in',
          label: 'The user knows how to sign in',
          state: 'attention',
          detail: 'Active but has never signed in.',
          fix: { label: 'Send a sign-in link', href: '/sign-in' },
        };
  }

  return [
    roleItem,
    groupItem,
    { key: 'workspaces', label: 'Workspace memberships are correct', state: 'not_available', detail: 'Workspace memberships are not available yet.' },
    passkeyItem(passkeys, privileged, role.name, userPage),
    signInItem,
    { key: 'first_workspace', label: 'The user knows where their first Workspace lives', state: 'not_available', detail: 'Workspaces are not available yet.' },
  ];
}

function passkeyItem(passkeys: UserPasskeys | undefined, privileged: boolean, roleName: string, userPage: string): ChecklistItem {
  const base = { key: 'passkey', label: 'Required passkey policy is understood' };
  if (!passkeys) return { ...base, state: 'not_available', detail: 'Passkey information is not available.' };
  const { count, synced, deviceBound, required, explanation } = passkeys;
  if (count > 0) {
    const kinds = [synced ? `${synced} synced` : '', deviceBound ? `${deviceBound} device-bound` : ''].filter(Boolean).join(', ');
    return { ...base, state: 'ok', detail: `${count} passkey${count === 1 ? '' : 's'} registered (${kinds}). ${explanation}` };
  }
  if (required) {
    return {
      ...base,
      state: 'attention',
      detail: `No passkey yet. ${explanation} The user is sent to Account > Security at their next request and can do nothing else until they add one.`,
      fix: { label: 'See passkeys', href: `${userPage}#passkeys` },
    };
  }
  if (privileged) {
    return {
      ...base,
      state: 'attention',
      detail: `${roleName} is a privileged role and this user has no passkey. Require passkeys for privileged users, or ask the user to add one.`,
      fix: { label: 'Authentication policy', href: '/admin/settings#authentication' },
    };
  }
  return { ...base, state: 'ok', detail: 'No passkey, and no policy requires one for this role.' };
}
