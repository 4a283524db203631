import { PERMISSIONS, type PermissionKey } from '../../../contracts/permissions';
import { permissionLabelText, t } from '../i18n';

/** What a page needs: every permission in `all`, and at least one of `any` when it is given. */
export interface Access {
  all?: readonly PermissionKey[];
  any?: readonly PermissionKey[];
}

/** The permissions a holder of `held` lacks for `access`; both empty means allowed. */
export interface Missing {
  all: PermissionKey[];
  /** Set when none of `access.any` is held: any one of them would do. */
  any: PermissionKey[];
}

export function missingFor(access: Access, held: ReadonlySet<string>): Missing {
  const all = (access.all ?? []).filter((p) => !held.has(p));
  const any = access.any && !access.any.some((p) => held.has(p)) ? [...access.any] : [];
  return { all, any };
}

export function allows(access: Access, held: ReadonlySet<string>): boolean {
  const missing = missingFor(access, held);
  return missing.all.length === 0 && missing.any.length === 0;
}

const labels = new Map<string, string>(PERMISSIONS.map((p) => [p.key, p.label]));

/** The message catalogue's name for a permission ("View users"), or the key itself for one it does not know. */
export function permissionLabel(key: string): string {
  return permissionLabelText(key, labels.get(key) ?? key);
}

/**
 * Where someone starts after signing in, and where "back" goes from a page they may not open: the
 * Users page for whoever may view users, Home (their own account and Workspaces) for everyone else.
 */
export function startPage(held: ReadonlySet<string>): { to: string; label: string } {
  return held.has('users.view') ? { to: '/admin/users', label: t('nav.users') } : { to: '/home', label: t('nav.home') };
}
