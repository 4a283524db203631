import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyOptions } from '../../../../test/helpers/property.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

// The users list's totals come from counts kept by triggers (migration 0010), not from counting rows.
// Whatever sequence of changes happens, through the API or straight in the database, the kept counts
// must equal a recount.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const ROLE_KEYS = ['member', 'viewer', 'publisher', 'user_manager'] as const;
const STATUSES = ['active', 'invited', 'deactivated'] as const;

const commandArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), role: fc.nat(3), status: fc.nat(2) }),
  fc.record({ kind: fc.constant('role' as const), user: fc.nat(30), role: fc.nat(3) }),
  fc.record({ kind: fc.constant('deactivate' as const), user: fc.nat(30) }),
  fc.record({ kind: fc.constant('reactivate' as const), user: fc.nat(30) }),
  fc.record({ kind: fc.constant('bulk-role' as const), from: fc.nat(3), to: fc.nat(3) }),
  fc.record({ kind: fc.constant('groups' as const), user: fc.nat(30), groups: fc.subarray([0, 1, 2]) }),
  fc.record({ kind: fc.constant('mark-deleted' as const), user: fc.nat(30) }),
  fc.record({ kind: fc.constant('purge' as const), user: fc.nat(30) }),
  fc.record({ kind: fc.constant('delete-group' as const), group: fc.nat(2) }),
);
type Command = typeof commandArb extends fc.Arbitrary<infer C> ? C : never;

describe('maintained user counts (property)', () => {
  it('should equal a recount of users by role and status, and of members by group, after any sequence of changes', async () => {
    const options = propertyOptions('maintained counts', 25);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 25 }), async (commands) => {
        // An organization per run: runs never see each other's rows.
        const org = await t.newOrganization(`Counts ${run}`, `admin${run}@counts${run}.test`);
        run++;
        const role = (i: number) => org.roleIds.get(ROLE_KEYS[i])!;
        const users: string[] = [];
        const groups: string[] = [];
        for (const name of ['Red', 'Green', 'Blue']) {
          const res = await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: org.adminCookie }, payload: { name } });
          groups.push(res.json().id);
        }
        const pick = (i: number) => users[i % Math.max(users.length, 1)];
        for (const command of commands) await apply(command, { org, role, users, groups, pick });
        await expectCountsMatchRecount(org.organizationId);
      }),
      options,
    );
  });
});

interface Context {
  org: Awaited<ReturnType<TestApp['newOrganization']>>;
  role: (i: number) => string;
  users: string[];
  groups: string[];
  pick: (i: number) => string | undefined;
}

async function apply(command: Command, { org, role, users, groups, pick }: Context): Promise<void> {
  const headers = { cookie: org.adminCookie };
  switch (command.kind) {
    case 'create':
      users.push(
        await t.createUser({
          // Unique, not numbered by how many remain: after a purge that number would be taken.
          email: `u${randomUUID()}@${org.organizationId}.test`,
          roleKey: ROLE_KEYS[command.role],
          status: STATUSES[command.status],
          organizationId: org.organizationId,
        }),
      );
      return;
    case 'role': {
      const id = pick(command.user);
      if (id) await t.app.inject({ method: 'PUT', url: `/api/users/${id}/role`, headers, payload: { roleId: role(command.role) } });
      return;
    }
    case 'deactivate':
    case 'reactivate': {
      const id = pick(command.user);
      if (id) await t.app.inject({ method: 'POST', url: `/api/users/${id}/${command.kind}`, headers, payload: {} });
      return;
    }
    case 'bulk-role':
      await t.app.inject({
        method: 'POST',
        url: '/api/users/bulk',
        headers,
        payload: { action: 'assign_role', roleId: role(command.to), filter: { roleId: role(command.from) } },
      });
      return;
    case 'groups': {
      const id = pick(command.user);
      const groupIds = command.groups.map((g) => groups[g]).filter((g): g is string => !!g);
      if (id) await t.app.inject({ method: 'PUT', url: `/api/users/${id}/groups`, headers, payload: { groupIds } });
      return;
    }
    case 'mark-deleted': {
      // As deletion does: the row stays as a tombstone, out of its groups.
      const id = pick(command.user);
      if (!id) return;
      await t.deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('group_members').where('user_id', '=', id).execute();
        await trx.updateTable('users').set({ status: 'deleted' }).where('id', '=', id).execute();
      });
      return;
    }
    case 'purge': {
      // A hard delete, as purging a tombstone may do; a row still referenced elsewhere stays.
      const id = pick(command.user);
      if (!id) return;
      try {
        await t.deps.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('group_members').where('user_id', '=', id).execute();
          await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
          await trx.deleteFrom('users').where('id', '=', id).execute();
        });
        users.splice(users.indexOf(id), 1);
      } catch {
        // Referenced by an audit row or an invitation: rolled back whole, counts included.
      }
      return;
    }
    case 'delete-group': {
      const id = groups[command.group];
      if (id) await t.app.inject({ method: 'DELETE', url: `/api/groups/${id}`, headers });
      return;
    }
  }
}

async function expectCountsMatchRecount(organizationId: string): Promise<void> {
  const kept = await t.deps.db
    .selectFrom('user_counts')
    .select(['role_id', 'status', 'n'])
    .where('organization_id', '=', organizationId)
    .where('n', '<>', 0)
    .orderBy('role_id')
    .orderBy('status')
    .execute();
  const recount = await t.deps.db
    .selectFrom('users')
    .select(['role_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organization_id', '=', organizationId)
    .groupBy(['role_id', 'status'])
    .orderBy('role_id')
    .orderBy('status')
    .execute();
  expect(kept.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(recount.map((r) => ({ ...r, n: Number(r.n) })));
  const groups = await t.deps.db
    .selectFrom('groups')
    .select([
      'id',
      'member_count',
      (eb) =>
        eb
          .selectFrom('group_members')
          .select((e) => e.fn.countAll<number>().as('c'))
          .whereRef('group_members.group_id', '=', 'groups.id')
          .as('recount'),
    ])
    .where('organization_id', '=', organizationId)
    .execute();
  for (const group of groups) expect(Number(group.member_count), `group ${group.id}`).toBe(Number(group.recount));
}
