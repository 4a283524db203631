import type { ChecklistItem, UserPasskeys } from '../../../contracts/users.js';
import type { UserWorkspace } from '../../../contracts/workspaces.js';
import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type { RoleRow } from '../roles/index.js';
import type { UserRow } from './users.table.js';

export interface ChecklistInput {
  user: UserRow;
  role: RoleRow;
  groupCount: number;
  invitation: { status: string; expiresAt: string } | null;
  /** The user's passkeys against the policies that apply; absent where passkeys are not loaded. */
  passkeys?: UserPasskeys;
  now: Date;
  /** The user's Workspaces (direct, via groups, via the organization); undefined when unknown. */
  workspaces?: UserWorkspace[];
}

const DAY = 86_400_000;

/**
 * The seed's "User management checklist", computed from data. An item whose data does not exist yet
 * says so ("not_available") instead of passing.
 */
export function buildChecklist({ user, role, groupCount, invitation, passkeys, now, workspaces }: ChecklistInput): ChecklistItem[] {
  const userPage = `/admin/users/${user.id}`;
  const privileged = isPrivilegedSet(JSON.parse(role.permissions) as string[]);
  const idleDays = user.last_active_at ? Math.floor((now.getTime() - Date.parse(user.last_active_at)) / DAY) : null;

  const roleItem = roleChecklistItem(role.name, privileged, user.status === 'active' && (idleDays === null || idleDays >= 90), idleDays, userPage);

  const groupItem: ChecklistItem =
    groupCount > 0
      ? {
          key: 'group',
          label: 'Group is appropriate',
          state: 'ok',
          detail: `Member of ${groupCount} group${groupCount === 1 ? '' : 's'}.`,
          message: { code: 'group.member', values: { count: groupCount } },
        }
      : {
          key: 'group',
          label: 'Group is appropriate',
          state: 'attention',
          detail: 'Not in any group. Add a group if the user belongs to a team or access cohort.',
          message: { code: 'group.none', values: {} },
          fix: { label: 'Change groups', href: `${userPage}#groups`, code: 'change_groups' },
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
          message: { code: `sign_in.invitation_${invitation?.status ?? 'missing'}`, values: {} },
          fix: { label: 'Resend invitation', href: `${userPage}#invitation`, code: 'resend_invitation' },
        }
      : {
          key: 'sign_in',
          label: 'The user knows how to sign in',
          state: 'ok',
          detail: `Invitation pending until ${invitation.expiresAt.slice(0, 10)}; it explains how to sign in.`,
          message: { code: 'sign_in.invitation_pending', values: { date: invitation.expiresAt.slice(0, 10) } },
        };
  } else if (user.status === 'deactivated') {
    signInItem = {
      key: 'sign_in',
      label: 'The user knows how to sign in',
      state: 'attention',
      detail: 'The account is deactivated and cannot sign in.',
      message: { code: 'sign_in.deactivated', values: {} },
    };
  } else {
    signInItem = user.last_sign_in_at
      ? {
          key: 'sign_in',
          label: 'The user knows how to sign in',
          state: 'ok',
          detail: `Last signed in ${user.last_sign_in_at.slice(0, 10)}.`,
          message: { code: 'sign_in.last', values: { date: user.last_sign_in_at.slice(0, 10) } },
        }
      : {
          key: 'sign_in',
          label: 'The user knows how to sign in',
          state: 'attention',
          detail: 'Active but has never signed in.',
          message: { code: 'sign_in.never', values: {} },
          fix: { label: 'Send a sign-in link', href: '/sign-in', code: 'send_sign_in_link' },
        };
  }

  return [
    roleItem,
    groupItem,
    workspaceItem(workspaces, userPage),
    passkeyItem(passkeys, privileged, role.name, userPage),
    signInItem,
    firstWorkspaceItem(workspaces),
  ];
}

function describePaths(ws: UserWorkspace): string {
  return ws.paths.map((p) => (p.via === 'direct' ? 'direct' : p.via === 'group' ? `via ${p.group?.name ?? 'a group'}` : 'via the organization')).join(', ');
}

/**
 * Up to three Workspaces as message values: `workspace1` its name, `via1` how the user reaches it as
 * codes ("direct", "organization", "group:<name>", comma-separated).
 */
function workspaceList(list: UserWorkspace[]): Record<string, string> {
  const values: Record<string, string> = {};
  list.forEach((w, i) => {
    values[`workspace${i + 1}`] = w.workspace.name;
    values[`via${i + 1}`] = w.paths.map((p) => (p.via === 'group' ? `group:${p.group?.name ?? ''}` : p.via)).join(',');
  });
  return values;
}

function workspaceItem(workspaces: UserWorkspace[] | undefined, userPage: string): ChecklistItem {
  const label = 'Workspace memberships are correct';
  if (!workspaces)
    return {
      key: 'workspaces',
      label,
      state: 'not_available',
      detail: 'Workspace memberships are not available.',
      message: { code: 'workspaces.not_available', values: {} },
    };
  if (workspaces.length === 0) {
    return {
      key: 'workspaces',
      label,
      state: 'attention',
      detail: 'Reaches no Workspace: not a member of any, directly or through a group.',
      message: { code: 'workspaces.none', values: {} },
      fix: { label: 'Add to a Workspace', href: '/admin/workspaces', code: 'add_to_workspace' },
    };
  }
  const shared = workspaces.filter((w) => w.workspace.type !== 'organization' || w.paths.some((p) => p.via !== 'organization'));
  if (shared.length === 0) {
    // Everyone reaches organization-wide Workspaces; say so rather than "no Workspace at all".
    const names = workspaces
      .slice(0, 3)
      .map((w) => w.workspace.name)
      .join(', ');
    return {
      key: 'workspaces',
      label,
      state: 'attention',
      detail: `Reaches only organization-wide Workspaces, as everyone does (${names}${workspaces.length > 3 ? ', …' : ''}); not a member of any other Workspace, directly or through a group.`,
      message: { code: 'workspaces.organization_only', values: { names: `${names}${workspaces.length > 3 ? ', …' : ''}` } },
      fix: { label: 'Add to a Workspace', href: '/admin/workspaces', code: 'add_to_workspace' },
    };
  }
  const names = shared
    .slice(0, 3)
    .map((w) => `${w.workspace.name} (${describePaths(w)})`)
    .join('; ');
  return {
    key: 'workspaces',
    label,
    state: 'ok',
    detail: `Member of ${shared.length} Workspace${shared.length === 1 ? '' : 's'}: ${names}${shared.length > 3 ? '; …' : ''}.`,
    message: { code: 'workspaces.member', values: { count: shared.length, ...workspaceList(shared.slice(0, 3)), more: shared.length > 3 ? 1 : 0 } },
    fix: { label: 'Review Workspaces', href: `${userPage}#workspaces`, code: 'review_workspaces' },
  };
}

function firstWorkspaceItem(workspaces: UserWorkspace[] | undefined): ChecklistItem {
  const label = 'The user knows where their first Workspace lives';
  if (!workspaces)
    return {
      key: 'first_workspace',
      label,
      state: 'not_available',
      detail: 'Workspaces are not available.',
      message: { code: 'first_workspace.not_available', values: {} },
    };
  const first = workspaces.find((w) => w.owned) ?? workspaces.find((w) => w.paths.some((p) => p.via === 'direct')) ?? workspaces[0];
  if (!first) {
    return {
      key: 'first_workspace',
      label,
      state: 'attention',
      detail: 'No Workspace exists for this user yet: create a Personal Workspace or add them to a shared one.',
      message: { code: 'first_workspace.none', values: {} },
      fix: { label: 'Create a Workspace', href: '/admin/workspaces', code: 'create_workspace' },
    };
  }
  return {
    key: 'first_workspace',
    label,
    state: 'ok',
    detail: `First Workspace: ${first.workspace.name} (${describePaths(first)}).`,
    message: { code: 'first_workspace.ok', values: workspaceList([first]) },
    fix: { label: 'Open Workspace', href: `/admin/workspaces/${first.workspace.id}`, code: 'open_workspace' },
  };
}

function passkeyItem(passkeys: UserPasskeys | undefined, privileged: boolean, roleName: string, userPage: string): ChecklistItem {
  const base = { key: 'passkey', label: 'Required passkey policy is understood' };
  if (!passkeys)
    return { ...base, state: 'not_available', detail: 'Passkey information is not available.', message: { code: 'passkey.not_available', values: {} } };
  const { count, synced, deviceBound, required, explanation } = passkeys;
  if (count > 0) {
    const kinds = [synced ? `${synced} synced` : '', deviceBound ? `${deviceBound} device-bound` : ''].filter(Boolean).join(', ');
    return {
      ...base,
      state: 'ok',
      detail: `${count} passkey${count === 1 ? '' : 's'} registered (${kinds}). ${explanation}`,
      message: { code: 'passkey.registered', values: { count, synced, deviceBound, requiredBy: required ? passkeys.requiredBy.join(',') : '' } },
    };
  }
  if (required) {
    return {
      ...base,
      state: 'attention',
      detail: `No passkey yet. ${explanation} The user is sent to Account > Security at their next request and can do nothing else until they add one.`,
      message: { code: 'passkey.required_missing', values: { requiredBy: passkeys.requiredBy.join(',') } },
      fix: { label: 'See passkeys', href: `${userPage}#passkeys`, code: 'see_passkeys' },
    };
  }
  if (privileged) {
    return {
      ...base,
      state: 'attention',
      detail: `${roleName} is a privileged role and this user has no passkey. Require passkeys for privileged users, or ask the user to add one.`,
      message: { code: 'passkey.privileged_none', values: { role: roleName } },
      fix: { label: 'Authentication policy', href: '/admin/settings#authentication', code: 'authentication_policy' },
    };
  }
  return { ...base, state: 'ok', detail: 'No passkey, and no policy requires one for this role.', message: { code: 'passkey.not_required', values: {} } };
}

/** Whether the role fits: a privileged role that sits unused is worth narrowing. */
function roleChecklistItem(roleName: string, privileged: boolean, idle: boolean, idleDays: number | null, userPage: string): ChecklistItem {
  return privileged && idle
    ? {
        key: 'role',
        label: 'Role is appropriate',
        state: 'attention',
        detail: `${roleName} is a privileged role, and it has not been used ${idleDays === null ? 'yet' : `for ${idleDays} days`}. Consider a narrower role.`,
        message:
          idleDays === null
            ? { code: 'role.privileged_unused', values: { role: roleName } }
            : { code: 'role.privileged_idle', values: { role: roleName, days: idleDays } },
        fix: { label: 'Change role', href: `${userPage}#role`, code: 'change_role' },
      }
    : {
        key: 'role',
        label: 'Role is appropriate',
        state: 'ok',
        detail: privileged ? `${roleName} is a privileged role; keep its holders few and reviewed.` : `${roleName}: no privileged permissions.`,
        message: { code: privileged ? 'role.privileged' : 'role.ok', values: { role: roleName } },
      };
}
