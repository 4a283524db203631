import type { AlertRule } from '../../../contracts/alerts.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';

export interface AlertFilter {
  status?: 'open' | 'dismissed';
  rule?: AlertRule;
  assigneeId?: string;
  beforeId?: string;
  limit: number;
}

/** Newest first, keyset-paged on the id (UUIDv7: time-ordered). */
function listedAlerts(db: DbOrTrx, organizationId: string) {
  return db
    .selectFrom('security_alerts as a')
    .leftJoin('users as assignee', 'assignee.id', 'a.assignee_user_id')
    .selectAll('a')
    .select('assignee.name as assignee_name')
    .where('a.organization_id', '=', organizationId);
}

export function findListedAlert(db: DbOrTrx, organizationId: string, id: string) {
  return listedAlerts(db, organizationId).where('a.id', '=', id).executeTakeFirst();
}

export function listAlertRows(db: DbOrTrx, organizationId: string, filter: AlertFilter) {
  let q = listedAlerts(db, organizationId);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.rule) q = q.where('a.rule', '=', filter.rule);
  if (filter.assigneeId) q = q.where('a.assignee_user_id', '=', filter.assigneeId);
  if (filter.beforeId) q = q.where('a.id', '<', filter.beforeId);
  return q
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export type ListedAlertRow = NonNullable<Awaited<ReturnType<typeof findListedAlert>>>;

/** Open alerts, counted up to `cap` + 1 so the badge can say "99+" without counting them all. */
export async function countOpenAlerts(db: DbOrTrx, organizationId: string, cap: number): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('security_alerts')
        .select('id')
        .where('organization_id', '=', organizationId)
        .where('status', '=', 'open')
        .limit(cap + 1)
        .as('open'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The alert, locked until the transaction ends on PostgreSQL (SQLite transactions are serial anyway):
 * two people dismissing or escalating at once act one after the other, and the second sees the first's result.
 */
export function findAlertForChange(db: DbOrTrx, dialect: Dialect, organizationId: string, id: string) {
  const q = db.selectFrom('security_alerts').selectAll().where('organization_id', '=', organizationId).where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

/** Active people of the organization whose role may view security events: who can be assigned or told. */
/** Active holders of a role that views security events, by name then id: every one, or a page after `page.after`. */
export async function securityViewers(db: DbOrTrx, organizationId: string, page: { after: { name: string; id: string } | null; limit: number } | 'all') {
  const roleIds = await securityViewerRoleIds(db, organizationId);
  if (roleIds.length === 0) return [];
  let query = db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('role_id', 'in', roleIds)
    .orderBy('name')
    .orderBy('id');
  if (page === 'all') return query.execute();
  const after = page.after;
  if (after) query = query.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]));
  return query.limit(page.limit + 1).execute();
}

/** Whether one person may be assigned an alert: asked of that person, however many viewers there are. */
export async function isSecurityViewer(db: DbOrTrx, organizationId: string, userId: string): Promise<boolean> {
  const roleIds = await securityViewerRoleIds(db, organizationId);
  if (roleIds.length === 0) return false;
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .where('role_id', 'in', roleIds)
    .executeTakeFirst();
  return row !== undefined;
}

async function securityViewerRoleIds(db: DbOrTrx, organizationId: string): Promise<string[]> {
  const roles = await db.selectFrom('roles').select(['id', 'permissions']).where('organization_id', '=', organizationId).execute();
  return roles.filter((r) => (JSON.parse(r.permissions) as string[]).includes('security.view_events')).map((r) => r.id);
}
