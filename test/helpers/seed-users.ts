import type { Insertable } from 'kysely';
import type { UserStatus } from '../../src/contracts/users.js';
import type { Database } from '../../src/server/db/database.js';
import { userSearchText } from '../../src/server/features/users/index.js';
import type { TestApp } from './test-app.js';

/**
 * Inserts `count` active Members (member00000@acme.test, …) into the test app's organization in one
 * transaction, 200 rows per statement: for tests about lists and long writes that need thousands.
 */
export async function seedMembers(app: TestApp, count: number): Promise<void> {
  await seedPeople(app, count, (i) => ({ email: `member${String(i).padStart(5, '0')}@acme.test`, name: `Member ${i}` }));
}

/**
 * Inserts `count` Members made by `person(i)` (active unless it says otherwise) into an organization
 * (the test app's unless given) in one transaction, 200 rows per statement.
 */
export async function seedPeople(
  app: TestApp,
  count: number,
  person: (i: number) => { email: string; name: string; status?: UserStatus },
  organizationId = app.org.organizationId,
): Promise<void> {
  const role = await app.deps.db
    .selectFrom('roles')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('system_key', '=', 'member')
    .executeTakeFirstOrThrow();
  const now = app.clock().toISOString();
  const rows = Array.from({ length: count }, (_, i) => {
    const { email, name, status = 'active' } = person(i);
    return personRow({ id: app.deps.newId(), organizationId, email, name, roleId: role.id, status, createdAt: now, lastActiveAt: null });
  });
  await app.deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('users')
        .values(rows.slice(i, i + 200))
        .execute();
  });
}

/** A users row as an import would write it: activated when created, never signed in. */
export function personRow(person: {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  roleId: string;
  status: UserStatus;
  createdAt: string;
  lastActiveAt: string | null;
}): Insertable<Database['users']> {
  const normalized = person.email.toLowerCase();
  return {
    id: person.id,
    organization_id: person.organizationId,
    email: person.email,
    email_normalized: normalized,
    name: person.name,
    search_text: userSearchText(person.name, normalized),
    role_id: person.roleId,
    status: person.status,
    invited_by: null,
    invited_at: null,
    activated_at: person.createdAt,
    last_sign_in_at: null,
    last_active_at: person.lastActiveAt,
    deactivated_at: null,
    version: 1,
    created_at: person.createdAt,
    updated_at: person.createdAt,
  };
}
