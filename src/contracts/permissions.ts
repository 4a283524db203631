/**
 * The permission catalogue and the system roles. One spelling for the server (enforcement, seeding)
 * and the console (navigation, role editor). Adding a permission here is a product decision:
 * existing custom roles do not gain it; the Admin system role does on its next seed.
 */
export const PERMISSION_CATEGORIES = [
  'Users',
  'Roles',
  'Groups',
  'Workspaces',
  'Organization',
  'Integrations',
  'Security Center',
  'Orchestrations',
  'Provisioning',
] as const;
export type PermissionCategory = (typeof PERMISSION_CATEGORIES)[number];

export interface PermissionDefinition {
  key: string;
  category: PermissionCategory;
  label: string;
  description: string;
  /** Affects other users, security, organization settings or connected apps. */
  privileged: boolean;
}

const definitions = [
  {
    key: 'users.view',
    category: 'Users',
    label: 'View users',
    description: 'See the user list, user details and role and group assignments.',
    privileged: false,
  },
  {
    key: 'users.view_activity',
    category: 'Users',
    label: 'View activity and usage',
    description: 'See recent activity and usage trends of other users.',
    privileged: false,
  },
  { key: 'users.invite', category: 'Users', label: 'Invite users', description: 'Send, resend and revoke invitations.', privileged: true },
  { key: 'users.assign_role', category: 'Users', label: 'Assign roles', description: 'Change which role a user holds.', privileged: true },
  { key: 'users.manage_sessions', category: 'Users', label: 'Sign users out', description: 'End the sessions of other users.', privileged: true },
  { key: 'users.deactivate', category: 'Users', label: 'Deactivate users', description: 'Block and restore sign-in for other users.', privileged: true },
  { key: 'users.delete', category: 'Users', label: 'Delete users', description: 'Delete users after reviewing what they own.', privileged: true },
  { key: 'roles.view', category: 'Roles', label: 'View roles', description: 'See roles, their permissions and security policies.', privileged: false },
  { key: 'roles.manage', category: 'Roles', label: 'Create and edit roles', description: 'Create, edit, duplicate and delete custom roles.', privileged: true },
  { key: 'groups.view', category: 'Groups', label: 'View groups', description: 'See groups and their members.', privileged: false },
  {
    key: 'groups.manage',
    category: 'Groups',
    label: 'Manage groups',
    description: 'Create, rename and delete groups and change their members.',
    privileged: false,
  },
  { key: 'workspaces.view', category: 'Workspaces', label: 'View Workspaces', description: 'Open Workspaces and content shared with them.', privileged: false },
  {
    key: 'workspaces.edit',
    category: 'Workspaces',
    label: 'Create and edit content',
    description: 'Create and edit chats, artifacts and personal Workspaces.',
    privileged: false,
  },
  {
    key: 'workspaces.create_shared',
    category: 'Workspaces',
    label: 'Create shared Workspaces',
    description: 'Create Collaborative Workspaces and invite teammates.',
    privileged: false,
  },
  {
    key: 'workspaces.manage',
    category: 'Workspaces',
    label: 'Administer Workspaces',
    description: 'Manage every Workspace, its members and content ownership.',
    privileged: true,
  },
  {
    key: 'organization.view_settings',
    category: 'Organization',
    label: 'View organization settings',
    description: 'See organization settings and the authentication policy.',
    privileged: false,
  },
  {
    key: 'organization.manage_settings',
    category: 'Organization',
    label: 'Edit organization settings',
    description: 'Change organization settings and the authentication policy.',
    privileged: true,
  },
  {
    key: 'integrations.connect',
    category: 'Integrations',
    label: 'Connect personal apps',
    description: 'Connect their own accounts of enabled providers.',
    privileged: false,
  },
  {
    key: 'integrations.manage',
    category: 'Integrations',
    label: 'Configure integrations',
    description: 'Enable connected-app providers for the organization.',
    privileged: true,
  },
  {
    key: 'security.view_events',
    category: 'Security Center',
    label: 'View security events',
    description: 'Search and export the audit log.',
    privileged: true,
  },
  {
    key: 'security.manage_reviews',
    category: 'Security Center',
    label: 'Manage access reviews',
    description: 'Generate and export access review snapshots.',
    privileged: true,
  },
  {
    key: 'orchestrations.share',
    category: 'Orchestrations',
    label: 'Share Orchestrations',
    description: 'Share Orchestrations with other users.',
    privileged: false,
  },
  {
    key: 'orchestrations.publish',
    category: 'Orchestrations',
    label: 'Publish Orchestrations',
    description: 'Publish Orchestrations to the whole organization.',
    privileged: false,
  },
  {
    key: 'provisioning.manage',
    category: 'Provisioning',
    label: 'Manage provisioning',
    description: 'Manage SCIM connections and service tokens.',
    privileged: true,
  },
] as const satisfies readonly PermissionDefinition[];

export type PermissionKey = (typeof definitions)[number]['key'];
export const PERMISSIONS: readonly PermissionDefinition[] = definitions;
export const PERMISSION_KEYS: readonly PermissionKey[] = definitions.map((d) => d.key);

const byKey = new Map<string, PermissionDefinition>(definitions.map((d) => [d.key, d]));
export function isPermissionKey(key: string): key is PermissionKey {
  return byKey.has(key);
}
export function isPrivilegedPermission(key: string): boolean {
  return byKey.get(key)?.privileged ?? false;
}
export function isPrivilegedSet(keys: readonly string[]): boolean {
  return keys.some(isPrivilegedPermission);
}

/** Both are needed to administer access; the organization must always keep one active holder. */
export const ACCESS_ADMIN_PERMISSIONS: readonly PermissionKey[] = ['users.assign_role', 'roles.manage'];

export interface SystemRoleDefinition {
  key: string;
  name: string;
  description: string;
  permissions: readonly PermissionKey[];
}

const endUser: PermissionKey[] = ['workspaces.view', 'workspaces.edit', 'integrations.connect'];

export const SYSTEM_ROLES: readonly SystemRoleDefinition[] = [
  { key: 'admin', name: 'Admin', description: 'Full administration of the organization.', permissions: [...PERMISSION_KEYS] },
  {
    key: 'user_manager',
    name: 'User manager',
    description: 'Invites people, assigns roles and groups, and offboards users.',
    // Holds every permission of Member (the default role for invitations), so it can invite with it.
    permissions: [
      ...endUser,
      'users.view',
      'users.view_activity',
      'users.invite',
      'users.assign_role',
      'users.manage_sessions',
      'users.deactivate',
      'users.delete',
      'roles.view',
      'groups.view',
      'groups.manage',
      'workspaces.create_shared',
      'orchestrations.share',
    ],
  },
  {
    key: 'security_reviewer',
    name: 'Security reviewer',
    description: 'Reviews access, audit events and access reviews without changing access.',
    permissions: [
      ...endUser,
      'users.view',
      'users.view_activity',
      'roles.view',
      'groups.view',
      'organization.view_settings',
      'security.view_events',
      'security.manage_reviews',
    ],
  },
  {
    key: 'integration_admin',
    name: 'Integration admin',
    description: 'Configures connected apps for the organization.',
    permissions: [...endUser, 'integrations.manage', 'organization.view_settings'],
  },
  {
    key: 'publisher',
    name: 'Publisher',
    description: 'Shares and publishes Orchestrations and other reusable content, without admin access.',
    permissions: [...endUser, 'workspaces.create_shared', 'orchestrations.share', 'orchestrations.publish'],
  },
  {
    key: 'member',
    name: 'Member',
    description: 'Uses Sofie day to day and creates shared Workspaces.',
    permissions: [...endUser, 'workspaces.create_shared', 'orchestrations.share'],
  },
  {
    key: 'viewer',
    name: 'Viewer',
    description: 'Opens Workspaces and content shared with them.',
    permissions: ['workspaces.view'],
  },
];

/** The role new users get when an invitation names none. */
export const DEFAULT_ROLE_KEY = 'member';
