import { sql } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { jsonArrayOf } from '../../db/json-array.js';
import type { ChallengePurpose, NewPasskeyRow } from './passkeys.table.js';

export function listPasskeys(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findPasskey(db: DbOrTrx, organizationId: string, userId: string, id: string) {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Credential ids are global: a discoverable sign-in learns the user from the credential. */
export function findPasskeyByCredentialId(db: DbOrTrx, credentialId: string) {
  return db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertPasskey(db: DbOrTrx, row: NewPasskeyRow): Promise<void> {
  await db.insertInto('passkeys').values(row).execute();
}

export async function renamePasskey(db: DbOrTrx, organizationId: string, id: string, name: string): Promise<void> {
  await db.updateTable('passkeys').set({ name }).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function deletePasskey(db: DbOrTrx, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('passkeys').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

/**
 * Compare-and-set on the signature counter: of two concurrent uses of one assertion, or a cloned
 * authenticator racing the original, only a strictly increasing counter is stored.
 */
export async function recordPasskeyUse(
  db: DbOrTrx,
  id: string,
  update: { oldCounter: number; newCounter: number; backedUp: boolean; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ counter: update.newCounter, backed_up: update.backedUp ? 1 : 0, last_used_at: update.now })
    .where('id', '=', id)
    .where('counter', '=', update.oldCounter)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertChallenge(
  db: DbOrTrx,
  row: {
    id: string;
    challenge: string;
    purpose: ChallengePurpose;
    organization_id: string | null;
    user_id: string | null;
    session_id: string | null;
    expires_at: string;
    created_at: string;
  },
): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({ ...row, used_at: null })
    .execute();
}

export function findChallenge(db: DbOrTrx, challenge: string) {
  return db.selectFrom('webauthn_challenges').selectAll().where('challenge', '=', challenge).executeTakeFirst();
}

/** Single use: of two concurrent verifications of one challenge, exactly one wins. */
export async function consumeChallenge(db: DbOrTrx, id: string, now: string): Promise<boolean> {
  const result = await db.updateTable('webauthn_challenges').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteChallengesBefore(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('webauthn_challenges').where('expires_at', '<', before).execute();
}

export async function markSessionPasskeyVerified(db: DbOrTrx, sessionId: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ passkey_verified_at: now }).where('id', '=', sessionId).execute();
}

export function findSession(db: DbOrTrx, organizationId: string, userId: string, sessionId: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
}

export async function revokeOtherSessions(db: DbOrTrx, organizationId: string, userId: string, keepSessionId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('id', '!=', keepSessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Passkey counts per kind for the user page. */
export async function passkeyCounts(db: DbOrTrx, organizationId: string, userId: string): Promise<{ synced: number; deviceBound: number }> {
  const rows = await db
    .selectFrom('passkeys')
    .select(['device_type'])
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .groupBy('device_type')
    .execute();
  return passkeyKinds(rows);
}

/** The user with the policy columns of their role and organization. */
export function findUserWithPolicy(db: DbOrTrx, organizationId: string, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([
      'users.id',
      'users.organization_id',
      'users.email',
      'users.name',
      'users.status',
      'users.role_id',
      'users.passkey_recovery_until',
      'roles.permissions',
      'roles.idle_logout_minutes',
      'roles.require_passkey_enrollment',
      'roles.require_passkey_after_magic_link',
      'roles.require_passkey_after_sso',
      'organizations.name as organization_name',
      'organizations.require_passkeys_privileged',
      'organizations.require_passkeys_all',
    ])
    .where('users.organization_id', '=', organizationId)
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The passkeys of the user in `userIdColumn` (an outer query's column) by device type, as a JSON array column. */
export function passkeyCountsColumn(db: DbOrTrx, dialect: Dialect, target: { organizationId: string; userIdColumn: string }) {
  return jsonArrayOf<{ device_type: string; n: number }>(
    dialect,
    db
      .selectFrom('passkeys')
      .select(['passkeys.device_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('passkeys.organization_id', '=', target.organizationId)
      .where(sql<boolean>`passkeys.user_id = ${sql.ref(target.userIdColumn)}`)
      .groupBy('passkeys.device_type'),
  );
}

/** Synced and device-bound passkeys from rows of (device_type, n). */
export function passkeyKinds(rows: readonly { device_type: string; n: number | string | bigint }[]): { synced: number; deviceBound: number } {
  let synced = 0;
  let deviceBound = 0;
  for (const r of rows) {
    if (r.device_type === 'multiDevice') synced += Number(r.n);
    else deviceBound += Number(r.n);
  }
  return { synced, deviceBound };
}
