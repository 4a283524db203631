import type { Access } from './access';

/**
 * What each admin page needs: the permissions of every API read the page cannot do without. The
 * route guards (app/routes.tsx), the navigation and links inside pages (the checklist's fixes) all
 * read this, so a link is shown exactly when its page opens. (Roles and Groups list through
 * /api/roles and /api/groups, which need "View users".)
 */
export const PAGE_ACCESS = {
  users: { all: ['users.view'] },
  invitations: { all: ['users.view'] },
  userActivity: { all: ['users.view', 'users.view_activity'] },
  deleteUser: { all: ['users.view', 'users.delete'] },
  overview: { all: ['users.view_activity'] },
  roles: { all: ['roles.view', 'users.view'] },
  role: { all: ['roles.view'] },
  newRole: { all: ['roles.view', 'roles.manage'] },
  groups: { all: ['groups.view', 'users.view'] },
  group: { all: ['groups.view'] },
  workspaces: { all: ['workspaces.manage'] },
  settings: { all: ['organization.view_settings'] },
  integrations: { any: ['provisioning.manage', 'integrations.manage'] },
  securityCenter: { all: ['security.view_events'] },
  // The link to the local outbox (invitations, sign-in links) is for those who send invitations;
  // the page itself opens signed out, to read one's own sign-in link.
  mailbox: { all: ['users.invite'] },
} as const satisfies Record<string, Access>;

/** What the admin page at `pathname` needs, or null for a page everyone signed in may open. */
export function accessForPath(pathname: string): Access | null {
  const path = pathname.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const rules: [RegExp, Access][] = [
    [/^\/admin\/users\/[^/]+\/activity$/, PAGE_ACCESS.userActivity],
    [/^\/admin\/users\/[^/]+\/delete$/, PAGE_ACCESS.deleteUser],
    [/^\/admin\/users(\/[^/]+)?$/, PAGE_ACCESS.users],
    [/^\/admin\/invitations$/, PAGE_ACCESS.invitations],
    [/^\/admin\/overview$/, PAGE_ACCESS.overview],
    [/^\/admin\/roles\/new$/, PAGE_ACCESS.newRole],
    [/^\/admin\/roles\/[^/]+$/, PAGE_ACCESS.role],
    [/^\/admin\/roles$/, PAGE_ACCESS.roles],
    [/^\/admin\/groups\/[^/]+$/, PAGE_ACCESS.group],
    [/^\/admin\/groups$/, PAGE_ACCESS.groups],
    [/^\/admin\/workspaces(\/[^/]+)?$/, PAGE_ACCESS.workspaces],
    [/^\/admin\/settings$/, PAGE_ACCESS.settings],
    [/^\/admin\/integrations$/, PAGE_ACCESS.integrations],
    [/^\/admin\/security(\/[^/]+)?$/, PAGE_ACCESS.securityCenter],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}
