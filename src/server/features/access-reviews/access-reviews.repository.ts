import type { DbOrTrx } from '../../db/database.js';
import type { CampaignRow, ItemRow, SnapshotRow } from './access-reviews.table.js';

// Reads of other features' rows that a point-in-time report needs in bulk (read-only), and this
// feature's own tables. Writes to other features' rows go through their services.

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  role_id: string;
  status: string;
  last_active_at: string | null;
  last_sign_in_at: string | null;
}

/** The key of a newest-first page: the last row's creation time and id. */
export interface NewestFirstKey {
  createdAt: string;
  id: string;
}

const PERSON = ['id', 'name', 'email', 'role_id', 'status', 'last_active_at', 'last_sign_in_at'] as const;

/** Active users holding one of `roleIds`, by email. */
export async function activeUsersWithRoles(db: DbOrTrx, organizationId: string, roleIds: readonly string[]): Promise<PersonRow[]> {
  if (roleIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(PERSON)
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('role_id', 'in', [...roleIds])
    .orderBy('email_normalized')
    .orderBy('id')
    .execute();
}

/** The active users in a campaign's scope, at most `limit`. */
export async function usersInScope(
  db: DbOrTrx,
  organizationId: string,
  scope: { type: string; id: string | null; roleIds?: readonly string[] },
  limit: number,
): Promise<PersonRow[]> {
  let q = db.selectFrom('users').select(PERSON).where('organization_id', '=', organizationId).where('status', '=', 'active');
  if (scope.type === 'role') q = q.where('role_id', '=', scope.id!);
  if (scope.type === 'privileged') q = q.where('role_id', 'in', scope.roleIds!.length ? [...scope.roleIds!] : ['']);
  if (scope.type === 'group')
    q = q.where('id', 'in', db.selectFrom('group_members').select('user_id').where('organization_id', '=', organizationId).where('group_id', '=', scope.id!));
  if (scope.type === 'workspace') {
    const members = db
      .selectFrom('workspace_members')
      .select('member_id')
      .where('organization_id', '=', organizationId)
      .where('workspace_id', '=', scope.id!)
      .where('member_type', '=', 'user');
    const viaGroups = db
      .selectFrom('group_members')
      .select('user_id')
      .where('organization_id', '=', organizationId)
      .where(
        'group_id',
        'in',
        db
          .selectFrom('workspace_members')
          .select('member_id')
          .where('organization_id', '=', organizationId)
          .where('workspace_id', '=', scope.id!)
          .where('member_type', '=', 'group'),
      );
    q = q.where((eb) => eb.or([eb('id', 'in', members), eb('id', 'in', viaGroups)]));
  }
  return q.orderBy('email_normalized').orderBy('id').limit(limit).execute();
}

export async function scopeName(db: DbOrTrx, organizationId: string, type: 'group' | 'workspace', id: string): Promise<string | undefined> {
  const table = type === 'group' ? 'groups' : 'workspaces';
  const row = await db.selectFrom(table).select('name').where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  return row?.name;
}

export async function usersWithPasskeys(db: DbOrTrx, organizationId: string, userIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('passkeys')
      .select('user_id')
      .distinct()
      .where('organization_id', '=', organizationId)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.user_id);
  }
  return out;
}

export function openInvitations(db: DbOrTrx, organizationId: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('roles as r', 'r.id', 'i.role_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select(['i.email_normalized as email', 'r.name as role', 'u.name as invitedBy', 'i.expires_at as expiresAt'])
    .where('i.organization_id', '=', organizationId)
    .where('i.status', '=', 'pending')
    .orderBy('i.expires_at')
    .orderBy('i.id')
    .execute();
}

export async function tokensOf(db: DbOrTrx, organizationId: string) {
  const [service, scim] = await Promise.all([
    db
      .selectFrom('service_tokens as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .select(['t.name', 'u.name as createdBy', 't.created_at', 't.last_used_at', 't.revoked_at'])
      .where('t.organization_id', '=', organizationId)
      .orderBy('t.created_at')
      .execute(),
    db
      .selectFrom('scim_tokens as t')
      .leftJoin('users as u', 'u.id', 't.created_by')
      .select(['t.label as name', 'u.name as createdBy', 't.created_at', 't.last_used_at', 't.revoked_at'])
      .where('t.organization_id', '=', organizationId)
      .orderBy('t.created_at')
      .execute(),
  ]);
  const shape = (kind: 'service' | 'scim') => (t: (typeof service)[number]) => ({
    kind,
    name: t.name,
    createdBy: t.createdBy ?? null,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  });
  return [...service.map(shape('service')), ...scim.map(shape('scim'))];
}

/** The SCIM enterprise manager of each user (the manager's user id or external id, as the identity provider sent it). */
export async function managersOf(db: DbOrTrx, organizationId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const refs = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('scim_users')
      .select(['user_id', 'enterprise'])
      .where('organization_id', '=', organizationId)
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .where('enterprise', 'is not', null)
      .execute();
    for (const r of rows) {
      const value = (JSON.parse(r.enterprise!) as { manager?: { value?: string } }).manager?.value;
      if (value) refs.set(r.user_id, value);
    }
  }
  if (refs.size === 0) return out;
  const values = [...new Set(refs.values())];
  const byId = await db.selectFrom('users').select('id').where('organization_id', '=', organizationId).where('id', 'in', values).execute();
  const byExternal = await db
    .selectFrom('scim_users')
    .select(['user_id', 'external_id'])
    .where('organization_id', '=', organizationId)
    .where('external_id', 'in', values)
    .execute();
  const resolve = new Map<string, string>([...byExternal.map((r) => [r.external_id!, r.user_id] as const), ...byId.map((r) => [r.id, r.id] as const)]);
  for (const [userId, ref] of refs) if (resolve.has(ref)) out.set(userId, resolve.get(ref)!);
  return out;
}

/**
 * Who gave each user their current role: the latest role change to it in the audit log, else the
 * person whose invitation gave it. Certifier independence rests on this.
 */
export async function grantsOf(
  db: DbOrTrx,
  organizationId: string,
  users: readonly { id: string; role_id: string }[],
): Promise<Map<string, { by: string | null; label: string; at: string }>> {
  const out = new Map<string, { by: string | null; label: string; at: string }>();
  const roleOf = new Map(users.map((u) => [u.id, u.role_id]));
  for (let i = 0; i < users.length; i += 500) {
    const ids = users.slice(i, i + 500).map((u) => u.id);
    const events = await db
      .selectFrom('audit_events')
      .select(['subject_id', 'actor_user_id', 'actor_label', 'after', 'created_at'])
      .where('organization_id', '=', organizationId)
      .where('action', '=', 'user.role_changed')
      .where('subject_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    for (const e of events) {
      const to = (JSON.parse(e.after ?? '{}') as { role?: { id?: string } }).role?.id;
      if (to === roleOf.get(e.subject_id!)) out.set(e.subject_id!, { by: e.actor_user_id, label: e.actor_label, at: e.created_at });
    }
    const invited = await db
      .selectFrom('invitations as i')
      .innerJoin('users as u', 'u.id', 'i.invited_by')
      .select(['i.user_id', 'i.role_id', 'i.invited_by', 'u.name', 'u.email', 'i.created_at'])
      .where('i.organization_id', '=', organizationId)
      .where('i.user_id', 'in', ids)
      .where('i.status', '=', 'accepted')
      .execute();
    for (const inv of invited) {
      if (!out.has(inv.user_id!) && inv.role_id === roleOf.get(inv.user_id!))
        out.set(inv.user_id!, { by: inv.invited_by, label: `${inv.name} <${inv.email}>`, at: inv.created_at });
    }
  }
  return out;
}

export function insertSnapshot(db: DbOrTrx, row: SnapshotRow) {
  return db.insertInto('access_review_snapshots').values(row).execute();
}

/** Newest first; `before` is the (created_at, id) of the last snapshot of the previous page. */
export function listSnapshotRows(db: DbOrTrx, organizationId: string, before: NewestFirstKey | null, limit: number) {
  let q = db
    .selectFrom('access_review_snapshots')
    .select(['id', 'created_at', 'created_by_label', 'dormant_days', 'summary'])
    .where('organization_id', '=', organizationId);
  if (before)
    q = q.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function findSnapshot(db: DbOrTrx, organizationId: string, id: string): Promise<SnapshotRow | undefined> {
  return db.selectFrom('access_review_snapshots').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findCampaign(db: DbOrTrx, organizationId: string, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('access_review_campaigns').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

/** Newest first; `before` is the (created_at, id) of the last campaign of the previous page. */
export function listCampaignRows(db: DbOrTrx, organizationId: string, before: NewestFirstKey | null, limit: number): Promise<CampaignRow[]> {
  let q = db.selectFrom('access_review_campaigns').selectAll().where('organization_id', '=', organizationId);
  if (before)
    q = q.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function itemsOfCampaign(db: DbOrTrx, organizationId: string, campaignId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('access_review_items')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('campaign_id', '=', campaignId)
    .orderBy('user_email')
    .orderBy('id')
    .execute();
}

export async function itemCounts(db: DbOrTrx, organizationId: string, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('access_review_items')
    .select(['campaign_id', 'decision', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', organizationId)
    .where('campaign_id', 'in', [...campaignIds])
    .groupBy(['campaign_id', 'decision'])
    .execute();
}

export function userNamesOf(db: DbOrTrx, organizationId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role_id', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function groupNamesOf(db: DbOrTrx, organizationId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('group_members as m')
      .innerJoin('groups as g', 'g.id', 'm.group_id')
      .select(['m.user_id', 'g.name'])
      .where('m.organization_id', '=', organizationId)
      .where('m.user_id', 'in', userIds.slice(i, i + 500))
      .orderBy('g.name')
      .execute();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.name]);
  }
  return out;
}

export async function insertItems(db: DbOrTrx, rows: ItemRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('access_review_items')
      .values(rows.slice(i, i + 100))
      .execute();
}

/** Users by id, for a set-based change through the users feature's guarded path. */
export async function usersByIds(db: DbOrTrx, organizationId: string, ids: readonly string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('users')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}
