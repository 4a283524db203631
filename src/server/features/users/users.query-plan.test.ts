// The user page reads the user's latest invitation on every view: it must seek the user's own
// invitations on both databases, never walk every invitation of the organization.
import { sql, type CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMembers } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, usePostgres, type TestApp } from '../../../../test/helpers/test-app.js';
import { latestInvitationOf } from './users.repository.js';

let t: TestApp;
let someUserId: string;
beforeEach(async () => {
  t = await buildTestApp();
  // 2,000 invited-then-accepted members with statistics, so each planner weighs a realistic table.
  await seedMembers(t, 2000);
  const users = await t.deps.db.selectFrom('users').select(['id', 'email', 'role_id']).where('email', 'like', 'member%').execute();
  const now = t.clock().toISOString();
  for (let i = 0; i < users.length; i += 200) {
    await t.deps.db
      .insertInto('invitations')
      .values(
        users.slice(i, i + 200).map((u) => ({
          id: t.deps.newId(),
          organization_id: t.org.organizationId,
          user_id: u.id,
          email_normalized: u.email,
          role_id: u.role_id,
          token_hash: `hash-${u.id}`,
          status: 'accepted',
          sent_count: 1,
          expires_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  someUserId = users[1234].id;
  await sql.raw(usePostgres ? 'ANALYZE invitations' : 'ANALYZE').execute(t.deps.db);
});
afterEach(async () => t.close());

async function plan(query: CompiledQuery): Promise<string> {
  if (usePostgres) {
    const rows = await t.deps.db.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN ${query.sql}` });
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  }
  const rows = await t.deps.db.executeQuery<{ detail: string }>({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
  return rows.rows.map((r) => r.detail).join('\n');
}

describe('the user page’s invitation lookup', () => {
  it('should seek the user’s own invitations, not scan the organization’s', async () => {
    const query = latestInvitationOf(t.deps.db, t.org.organizationId, someUserId);
    const text = await plan(query.compile());
    expect(text).toContain('invitations__user');
    expect(text).not.toMatch(/SCAN invitations|Seq Scan on invitations|invitations__org_status/);
    await expect(query.executeTakeFirst()).resolves.toMatchObject({ status: 'accepted' });
  });
});
