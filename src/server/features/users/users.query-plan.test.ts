// Query plans that must hold at scale. The user page reads the user’s latest invitation on every view: it must seek the user’s own
// invitations on both databases, never walk every invitation of the organization.
import { sql, type CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedMembers } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, usePostgres, type TestApp } from '../../../../test/helpers/test-app.js';
import { listUserPage } from './users.page.js';
import { latestInvitationOf, rareWindowPage, type ListPage, type UserFilterAt } from './users.repository.js';
import { COVERED_WALK_BOUND, walkQuery } from './users.search.js';

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

describe('a last-active window sorted by name', () => {
  const DAY = 86_400_000;
  /** Three members active yesterday, 1,500 two months ago, the rest never; then statistics. */
  async function activity(): Promise<string> {
    const now = t.clock().getTime();
    const members = await t.deps.db.selectFrom('users').select('id').where('email', 'like', 'member%').orderBy('email').execute();
    const set = (ids: string[], at: string) => t.deps.db.updateTable('users').set({ last_active_at: at }).where('id', 'in', ids).execute();
    await set([members[10].id, members[700].id, members[1999].id], new Date(now - DAY).toISOString());
    await set(
      members.slice(100, 1600).map((m) => m.id),
      new Date(now - 60 * DAY).toISOString(),
    );
    await sql.raw(usePostgres ? 'ANALYZE users' : 'ANALYZE').execute(t.deps.db);
    return new Date(now).toISOString();
  }

  async function expected(since: string): Promise<string[]> {
    const rows = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', t.org.organizationId)
      .where('status', '<>', 'deleted')
      .where(sql<boolean>`COALESCE(last_active_at, '') >= ${since}`)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async function allPages(filter: UserFilterAt, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let after: ListPage['after'] = null;
    for (;;) {
      const { rows } = await listUserPage(t.deps.db, t.org.organizationId, filter, { sort: 'name', order: 'asc', limit, after }, t.deps.dialect);
      ids.push(...rows.slice(0, limit).map((r) => r.id));
      if (rows.length <= limit) return ids;
      const last = rows[limit - 1];
      after = { value: last.name, id: last.id };
    }
  }

  it('should read a rare window ("active in the last 7 days") from its own index, not walk every user in name order', async () => {
    const now = await activity();
    const filter: UserFilterAt = { lastActive: '7d', now };
    const text = await plan(
      rareWindowPage(t.deps.db, t.org.organizationId, filter, { sort: 'name', order: 'asc', limit: 50, after: null }, t.deps.dialect).compile(),
    );
    expect(text).toContain('users__org_last_active');
    expect(text).not.toMatch(/users__org_name|Seq Scan on users|SCAN users/);
    const since = new Date(Date.parse(now) - 7 * DAY).toISOString();
    expect(await allPages(filter, 2)).toEqual(await expected(since));
  });

  it('should page a common window ("active in the last 90 days") and a rare one exactly, across keyset pages', async () => {
    const now = await activity();
    const since = new Date(Date.parse(now) - 90 * DAY).toISOString();
    const all = await expected(since);
    expect(all.length).toBeGreaterThan(1_500);
    expect(await allPages({ lastActive: '90d', now }, 200)).toEqual(all);
    const never = await listUserPage(
      t.deps.db,
      t.org.organizationId,
      { lastActive: 'never', now },
      { sort: 'name', order: 'asc', limit: 50, after: null },
      t.deps.dialect,
    );
    expect(never.total).toBe(2_001 - all.length);
  });
});

describe('a search walking the name order', () => {
  it('should read the name index alone, not each user’s row (SQLite; PostgreSQL keeps the same columns in the index)', async () => {
    const page: ListPage = { sort: 'name', order: 'asc', limit: 50, after: null };
    const query = walkQuery(t.deps.db, t.org.organizationId, { search: 'member', status: 'active' }, page, t.deps.dialect, COVERED_WALK_BOUND);
    if (usePostgres) {
      const { rows } = await sql<{
        definition: string;
      }>`SELECT indexdef AS definition FROM pg_indexes WHERE indexname = 'users__org_name_search' AND schemaname = current_schema()`.execute(t.deps.db);
      expect(rows[0].definition).toMatch(/\(organization_id, name, id\) INCLUDE \(status, search_text\)/);
    } else {
      expect(await plan(query.compile())).toMatch(/USING COVERING INDEX users__org_name_search/);
    }
    expect(await query.execute()).toHaveLength(51);
  });
});
