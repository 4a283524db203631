import { IconBuildingSkyscraper, IconChartBar, IconKey, IconLayoutGrid, IconMail, IconMailForward, IconPlugConnected, IconShieldLock, IconUsers, IconUsersGroup, type Icon } from '@tabler/icons-react';

export interface NavItem {
  label: string;
  to: string;
  icon: Icon;
  /** Shown only to roles holding this permission (or one of these). */
  permission?: string | string[];
  /** Shown only while mail stays in the local outbox. */
  localMailboxOnly?: boolean;
}

/** The admin area's navigation; each entry appears only for roles that may use it. */
export const NAV_ITEMS: NavItem[] = [
  { label: 'Users', to: '/admin/users', icon: IconUsers, permission: 'users.view' },
  { label: 'Invitations', to: '/admin/invitations', icon: IconMailForward, permission: 'users.view' },
  { label: 'Manage Roles', to: '/admin/roles', icon: IconKey, permission: 'roles.view' },
  { label: 'Organization overview', to: '/admin/overview', icon: IconChartBar, permission: 'users.view_activity' },
  { label: 'Groups', to: '/admin/groups', icon: IconUsersGroup, permission: 'groups.view' },
  { label: 'Workspaces', to: '/admin/workspaces', icon: IconLayoutGrid, permission: 'workspaces.manage' },
  { label: 'Organization settings', to: '/admin/settings', icon: IconBuildingSkyscraper, permission: 'organization.view_settings' },
  { label: 'Integrations', to: '/admin/integrations', icon: IconPlugConnected, permission: ['provisioning.manage', 'integrations.manage'] },
  { label: 'Account security', to: '/account/security', icon: IconShieldLock },
  { label: 'Mailbox', to: '/mailbox', icon: IconMail, localMailboxOnly: true },
];
