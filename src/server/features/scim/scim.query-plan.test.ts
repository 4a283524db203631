// userName eq and externalId eq, the lookups every provisioning client makes before it creates
// someone, must be index seeks on both databases: never a scan of the organization's users.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMembers } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, usePostgres, type TestApp } from '../../../../test/helpers/test-app.js';
import { compileFilter } from './scim.filter-sql.js';
import { parseFilter } from './scim.filter.js';
import { filteredScimUsers } from './scim.repository.js';
import { USER_FILTER } from './scim.users.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
  // 2,000 SCIM users with statistics, so each planner weighs a realistic table rather than an empty one.
  await seedMembers(t, 2000);
  const rows = await t.deps.db.selectFrom('users').select(['id', 'email']).where('email', 'like', 'member%').execute();
  const now = t.clock().toISOString();
  for (let i = 0; i < rows.length; i += 200) {
    await t.deps.db
      .insertInto('scim_users')
      .values(
        rows.slice(i, i + 200).map((r, j) => ({
          user_id: r.id,
          organization_id: t.org.organizationId,
          user_name: r.email,
          user_name_normalized: r.email,
          external_id: `ext-${i + j}`,
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  // On PostgreSQL only this file's tables: a bare ANALYZE reads every schema of the database.
  await sql.raw(usePostgres ? 'ANALYZE users, scim_users' : 'ANALYZE').execute(t.deps.db);
});
afterEach(async () => t.close());

async function plan(filter: string): Promise<string> {
  const where = compileFilter(parseFilter(filter), USER_FILTER, t.deps.dialect);
  const query = filteredScimUsers(t.deps.db, t.org.organizationId, where).select('s.user_id').compile();
  if (usePostgres) {
    const rows = await t.deps.db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN ${query.sql}` });
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  }
  const rows = await t.deps.db.executeQuery<{ detail: string }>({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
  return rows.rows.map((r) => r.detail).join('\n');
}

describe('the query plan of the lookups provisioning clients make', () => {
  it.each([
    ['userName eq "Ada@Acme.test"', 'scim_users__org_user_name'],
    ['externalId eq "ext-1234"', 'scim_users__org_external_id'],
  ])('%s should seek %s', async (filter, index) => {
    const text = await plan(filter);
    expect(text).toContain(index);
    expect(text).not.toMatch(/SCAN s\b|Seq Scan on scim_users/);
  });
});
