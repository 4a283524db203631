// Account records as other features make and change them: the placeholder account of an invitation,
// the first administrator of a new organization, demo people, and activation when an invitation is
// accepted. Every account is written with its search text, so the users list finds it.
import { chunks } from '../../db/chunks.js';
import type { DbOrTrx } from '../../db/database.js';
import { findActiveUsersByEmail as activeUsersWithEmail, findUserByEmail as userWithEmail, insertUser, searchText, updateUserRow } from './users.repository.js';
import type { NewUserRow, UserRow } from './users.table.js';

/** The text the users list searches: the name (lower-cased) and the normalized email. */
export function userSearchText(name: string, emailNormalized: string): string {
  return searchText(name, emailNormalized);
}

/** The organization's account with this normalized email, whatever its status. */
export function findUserByEmail(db: DbOrTrx, organizationId: string, emailNormalized: string): Promise<UserRow | undefined> {
  return userWithEmail(db, organizationId, emailNormalized);
}

/** Sign-in is the one place that looks across organizations: the person proves the address, not the org. */
export function findActiveUsersByEmail(db: DbOrTrx, emailNormalized: string): Promise<UserRow[]> {
  return activeUsersWithEmail(db, emailNormalized);
}

/** Creates an account; its search text is derived from its name and normalized email. */
export async function createUserAccount(trx: DbOrTrx, row: Omit<NewUserRow, 'search_text'>): Promise<void> {
  await insertUser(trx, { ...row, search_text: searchText(row.name, row.email_normalized) });
}

/** An invited (not yet active) account invited again: new role and name, a new version. */
export async function updateInvitedUser(
  trx: DbOrTrx,
  user: UserRow,
  change: { roleId: string; name: string; emailNormalized: string },
  now: string,
): Promise<void> {
  await updateUserRow(trx, user.organization_id, user.id, {
    role_id: change.roleId,
    name: change.name,
    search_text: searchText(change.name, change.emailNormalized),
    version: user.version + 1,
    updated_at: now,
  });
}

/** The invited account becomes active when its invitation is accepted. */
export async function activateInvitedUser(trx: DbOrTrx, user: UserRow, now: string): Promise<void> {
  await updateUserRow(trx, user.organization_id, user.id, { status: 'active', activated_at: now, version: user.version + 1, updated_at: now });
}

/**
 * Accounts per organization from the kept counts (one index range per organization, whatever the
 * number of organizations or users): every account that is not deleted, and the active ones.
 */
export async function accountCountsOf(db: DbOrTrx, organizationIds: readonly string[]): Promise<Map<string, { users: number; active: number }>> {
  const counts = new Map(organizationIds.map((id) => [id, { users: 0, active: 0 }]));
  if (organizationIds.length === 0) return counts;
  const rows = await db
    .selectFrom('user_counts')
    .select(['organization_id', 'status', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('organization_id', 'in', organizationIds)
    .where('status', '<>', 'deleted')
    .groupBy(['organization_id', 'status'])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.organization_id)!;
    entry.users += Number(row.n);
    if (row.status === 'active') entry.active += Number(row.n);
  }
  return counts;
}

/** A name or address changed by the identity provider (SCIM): search text follows, a new version. */
export async function updateUserProfile(
  trx: DbOrTrx,
  user: UserRow,
  change: { name: string; email: string; emailNormalized: string },
  now: string,
): Promise<void> {
  await updateUserRow(trx, user.organization_id, user.id, {
    name: change.name,
    email: change.email,
    email_normalized: change.emailNormalized,
    search_text: searchText(change.name, change.emailNormalized),
    version: user.version + 1,
    updated_at: now,
  });
}

/** Marks (or, with null, unmarks) an account as provisioned by an identity provider, named by the token's label. */
export async function markProvisioned(trx: DbOrTrx, user: UserRow, provisionedBy: string | null): Promise<void> {
  await updateUserRow(trx, user.organization_id, user.id, { provisioned_by: provisionedBy });
}

/** The organization's accounts among `ids` (any status), in statement-sized parts. */
export async function usersByIds(db: DbOrTrx, organizationId: string, ids: readonly string[]): Promise<UserRow[]> {
  const found: UserRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    found.push(...(await db.selectFrom('users').selectAll().where('organization_id', '=', organizationId).where('id', 'in', part).execute()));
  }
  return found;
}
