import { searchText } from '../../src/server/features/users/users.repository.js';
import type { TestApp } from './test-app.js';

/**
 * Inserts `count` active Members (member00000@acme.test, …) into the test app's organization in one
 * transaction, 200 rows per statement: for tests about lists and long writes that need thousands.
 */
export async function seedMembers(app: TestApp, count: number): Promise<void> {
  const role = await app.deps.db
    .selectFrom('roles')
    .select('id')
    .where('organization_id', '=', app.org.organizationId)
    .where('system_key', '=', 'member')
    .executeTakeFirstOrThrow();
  const now = app.clock().toISOString();
  const rows = Array.from({ length: count }, (_, i) => {
    const email = `member${String(i).padStart(5, '0')}@acme.test`;
    const name = `Member ${i}`;
    return {
      id: app.deps.newId(),
      organization_id: app.org.organizationId,
      email,
      email_normalized: email,
      name,
      search_text: searchText(name, email),
      role_id: role.id,
      status: 'active' as const,
      invited_by: null,
      invited_at: null,
      activated_at: now,
      last_sign_in_at: null,
      last_active_at: null,
      deactivated_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  await app.deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('users')
        .values(rows.slice(i, i + 200))
        .execute();
  });
}
