import {
  IconBuildingSkyscraper,
  IconChartBar,
  IconHome,
  IconKey,
  IconLayoutGrid,
  IconMail,
  IconMailForward,
  IconPlugConnected,
  IconShieldCheck,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import type { Me } from '../../contracts/auth';
import { allows, type Access } from '../shared/access/access';
import { PAGE_ACCESS } from '../shared/access/pages';
import { t } from '../shared/i18n';

export interface NavItem {
  /** From the catalogue (the locale is chosen once per page load). */
  label: string;
  to: string;
  icon: Icon;
  access: Access;
  /** Shown only while mail stays in the local outbox. */
  localMailboxOnly?: boolean;
  /** A count shown beside the label. */
  badge?: 'openAlerts';
}

/** The admin area's navigation; each entry appears only for roles that may open its page. */
export const ADMIN_NAV: NavItem[] = [
  { label: t('nav.users'), to: '/admin/users', icon: IconUsers, access: PAGE_ACCESS.users },
  { label: t('nav.invitations'), to: '/admin/invitations', icon: IconMailForward, access: PAGE_ACCESS.invitations },
  { label: t('nav.roles'), to: '/admin/roles', icon: IconKey, access: PAGE_ACCESS.roles },
  { label: t('nav.overview'), to: '/admin/overview', icon: IconChartBar, access: PAGE_ACCESS.overview },
  { label: t('nav.groups'), to: '/admin/groups', icon: IconUsersGroup, access: PAGE_ACCESS.groups },
  { label: t('nav.workspaces'), to: '/admin/workspaces', icon: IconLayoutGrid, access: PAGE_ACCESS.workspaces },
  { label: t('nav.settings'), to: '/admin/settings', icon: IconBuildingSkyscraper, access: PAGE_ACCESS.settings },
  { label: t('nav.integrations'), to: '/admin/integrations', icon: IconPlugConnected, access: PAGE_ACCESS.integrations },
  { label: t('nav.securityCenter'), to: '/admin/security', icon: IconShieldCheck, access: PAGE_ACCESS.securityCenter, badge: 'openAlerts' },
  { label: t('nav.mailbox'), to: '/mailbox', icon: IconMail, access: PAGE_ACCESS.mailbox, localMailboxOnly: true },
];

/** Everyone's own pages. */
export const ACCOUNT_NAV: NavItem[] = [
  { label: t('nav.home'), to: '/home', icon: IconHome, access: {} },
  { label: t('nav.accountSecurity'), to: '/account/security', icon: IconShieldLock, access: {} },
];

/** The entries `me` may use; an empty `admin` list means no admin area at all (no wording, no links). */
export function navigationFor(me: Me): { admin: NavItem[]; account: NavItem[] } {
  const held = new Set(me.permissions);
  const shown = (item: NavItem) => allows(item.access, held) && (!item.localMailboxOnly || me.localMailbox);
  return { admin: ADMIN_NAV.filter(shown), account: ACCOUNT_NAV.filter(shown) };
}
