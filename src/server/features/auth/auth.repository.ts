import { sql } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayOf } from '../../db/json-array.js';
import { preparedQuery } from '../../db/prepared.js';
import { afterKeyset, type Keyset } from '../../platform/keyset.js';
import type { NewSessionRow } from './auth.table.js';

export async function insertMagicLink(
  db: DbOrTrx,
  row: { id: string; organization_id: string; user_id: string; token_hash: string; expires_at: string; created_at: string },
): Promise<void> {
  await db
    .insertInto('magic_links')
    .values({ ...row, used_at: null })
    .execute();
}

export function findMagicLinkByHash(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom('magic_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Compare-and-set: of two concurrent uses of one link, exactly one wins. */
export async function consumeMagicLink(db: DbOrTrx, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('magic_links').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSession(db: DbOrTrx, row: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session with its user and role in one round trip: this runs on every authenticated request, so it is compiled once. */
const sessionWithUser = preparedQuery(['tokenHash'], (db, values) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .innerJoin('organizations', 'organizations.id', 'sessions.organization_id')
    .select([
      'sessions.id as session_id',
      'sessions.organization_id',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'sessions.auth_method',
      'sessions.passkey_verified_at',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.status',
      'users.last_active_at',
      'roles.id as role_id',
      'roles.name as role_name',
      'roles.permissions',
      'roles.idle_logout_minutes',
      'roles.require_passkey_enrollment',
      'roles.require_passkey_after_magic_link',
      'roles.require_passkey_after_sso',
      'organizations.require_passkeys_privileged',
      'organizations.require_passkeys_all',
      'organizations.status as organization_status',
    ])
    .select((eb) => eb.selectFrom('passkeys').select(eb.fn.countAll().as('n')).whereRef('passkeys.user_id', '=', 'users.id').as('passkey_count'))
    .where('sessions.token_hash', '=', values.tokenHash),
);

export async function findSessionWithUser(db: DbOrTrx, tokenHash: string) {
  const [row] = await sessionWithUser(db, { tokenHash });
  return row;
}

export async function touchSession(db: DbOrTrx, sessionId: string, userId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
  await db.updateTable('users').set({ last_active_at: now }).where('id', '=', userId).execute();
}

/** A new session is a sign-in and activity: the user page shows both times. */
export async function recordSignIn(db: DbOrTrx, organizationId: string, userId: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ last_sign_in_at: now, last_active_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .execute();
}

export async function revokeSession(db: DbOrTrx, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: DbOrTrx, organizationId: string, userId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function activeSessionsQuery(db: DbOrTrx, organizationId: string, userId: string, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent', 'auth_method'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now);
}

/** Every open session of the user, most recently used first (Account > Security). */
export function listActiveSessions(db: DbOrTrx, organizationId: string, userId: string, now: string) {
  return activeSessionsQuery(db, organizationId, userId, now).orderBy('last_seen_at', 'desc').execute();
}

/**
 * One keyset page of the user's open sessions, newest sign-in first (created_at, id descending: a
 * key that does not move while one pages, unlike last use), with one row more when another page follows.
 */
export function listActiveSessionPage(db: DbOrTrx, organizationId: string, userId: string, now: string, after: Keyset | null, limit: number) {
  let q = activeSessionsQuery(db, organizationId, userId, now);
  if (after) q = q.where(afterKeyset({ key: 'created_at', id: 'id' }, after, 'desc'));
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Served by sessions__org_open (organization_id, revoked_at): only this organization's open sessions are read. */
export async function revokeOrganizationSessionRows(db: DbOrTrx, organizationId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function findSessionById(db: DbOrTrx, sessionId: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

/**
 * The open sessions of the user in `userIdColumn` (an outer query's column), newest activity first,
 * as a JSON array column: the user page reads them in its own statement.
 */
export function activeSessionsColumn(db: DbOrTrx, dialect: Dialect, target: { organizationId: string; userIdColumn: string; now: string }) {
  return jsonArrayOf(
    dialect,
    db
      .selectFrom('sessions')
      .select(['sessions.id', 'sessions.created_at', 'sessions.last_seen_at', 'sessions.ip', 'sessions.user_agent', 'sessions.auth_method'])
      .where('sessions.organization_id', '=', target.organizationId)
      .where(sql<boolean>`sessions.user_id = ${sql.ref(target.userIdColumn)}`)
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', target.now)
      .orderBy('sessions.last_seen_at', 'desc'),
  );
}
