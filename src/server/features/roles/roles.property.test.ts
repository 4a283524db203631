import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_ADMIN_PERMISSIONS, PERMISSION_KEYS } from '../../../contracts/permissions.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

/**
 * Random organizations (custom roles of random breadth, users holding random roles) and random
 * sequences of grants, every one through the real API as some user of the organization:
 *  1. no successful step gives a role or a user a permission that the acting user did not hold;
 *  2. after every step the organization still has an active user who can manage users and roles.
 */

const mask = fc.array(fc.boolean(), { minLength: PERMISSION_KEYS.length, maxLength: PERMISSION_KEYS.length });
const pick = (m: boolean[], from: readonly string[] = PERMISSION_KEYS) => from.filter((_, i) => m[i % m.length]);

const setupArb = fc.record({
  roles: fc.array(fc.record({ mask, accessAdmin: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  users: fc.array(fc.nat(20), { minLength: 2, maxLength: 4 }),
});

/** `own`: the permissions are drawn from the actor's own (so some steps succeed), else from the whole catalogue. */
const commandArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), actor: fc.nat(10), own: fc.boolean(), mask }),
  fc.record({ kind: fc.constant('edit' as const), actor: fc.nat(10), role: fc.nat(20), own: fc.boolean(), mask }),
  fc.record({ kind: fc.constant('assign' as const), actor: fc.nat(10), target: fc.nat(10), role: fc.nat(20) }),
  fc.record({ kind: fc.constant('duplicate' as const), actor: fc.nat(10), role: fc.nat(20) }),
);

interface Member {
  id: string;
  cookie: string;
}

async function permissionsOf(t: TestApp, userId: string): Promise<Set<string>> {
  const row = await t.deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['roles.permissions', 'users.status'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return new Set(row.status === 'active' ? (JSON.parse(row.permissions) as string[]) : []);
}

async function roles(t: TestApp) {
  const rows = await t.deps.db.selectFrom('roles').select(['id', 'permissions', 'version', 'system_key']).where('organization_id', '=', t.org.organizationId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, permissions: JSON.parse(r.permissions) as string[] }));
}

async function activeAccessAdmins(t: TestApp, members: Member[]): Promise<number> {
  let n = 0;
  for (const m of members) {
    const p = await permissionsOf(t, m.id);
    if (ACCESS_ADMIN_PERMISSIONS.every((k) => p.has(k))) n++;
  }
  return n;
}

describe('role grants (property)', () => {
  it('should never let anyone grant what they do not hold, nor lose the last access administrator', async () => {
    let runs = 0;
    /** Successful grants and refusals seen, so the property is not vacuously true. */
    const outcomes = { granted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(setupArb, fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (setup, commands) => {
        runs++;
        const t = await buildTestApp();
        try {
          const call = (cookie: string, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) => t.app.inject({ method, url, headers: { cookie }, payload });
          // The organization: the admin creates custom roles and hands roles out.
          let n = 0;
          for (const r of setup.roles) {
            const permissions = [...new Set([...pick(r.mask), ...(r.accessAdmin ? [...ACCESS_ADMIN_PERMISSIONS, 'users.view'] : [])])];
            const res = await call(t.adminCookie, 'POST', '/api/roles', { name: `Custom ${n++}`, permissions, ownerUserId: t.org.adminUserId });
            expect(res.statusCode, res.body).toBe(201);
          }
          const members: Member[] = [{ id: t.org.adminUserId, cookie: t.adminCookie }];
          const initialRoles = await roles(t);
          for (const [i, roleIndex] of setup.users.entries()) {
            const id = await t.createUser({ email: `u${i}@acme.test` });
            const res = await call(t.adminCookie, 'PUT', `/api/users/${id}/role`, { roleId: initialRoles[roleIndex % initialRoles.length]!.id });
            expect(res.statusCode, res.body).toBe(200);
            members.push({ id, cookie: await t.signInAs(id) });
          }

          let audited = Number((await t.deps.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
          for (const command of commands) {
            const actor = members[command.actor % members.length]!;
            const held = await permissionsOf(t, actor.id);
            const all = await roles(t);
            const requested = 'mask' in command ? pick(command.mask, command.own ? [...held] : PERMISSION_KEYS) : [];
            if (command.kind === 'create') {
              const res = await call(actor.cookie, 'POST', '/api/roles', { name: `R${t.deps.newId()}`, permissions: requested, ownerUserId: actor.id });
              if (res.statusCode === 201) for (const p of res.json().permissions as string[]) expect(held.has(p), `created with ${p}`).toBe(true);
              else expect(res.statusCode).toBeLessThan(500);
            } else if (command.kind === 'edit') {
              const role = all[command.role % all.length]!;
              const res = await call(actor.cookie, 'PATCH', `/api/roles/${role.id}`, { version: role.version, permissions: requested, ownerUserId: actor.id });
              if (res.statusCode === 200) {
                for (const p of res.json().permissions as string[]) if (!role.permissions.includes(p)) expect(held.has(p), `added ${p}`).toBe(true);
              } else expect(res.statusCode).toBeLessThan(500);
            } else if (command.kind === 'duplicate') {
              const role = all[command.role % all.length]!;
              const res = await call(actor.cookie, 'POST', `/api/roles/${role.id}/duplicate`, { name: `D${t.deps.newId()}`, ownerUserId: actor.id });
              if (res.statusCode === 201) for (const p of res.json().permissions as string[]) expect(held.has(p), `duplicated with ${p}`).toBe(true);
              else expect(res.statusCode).toBeLessThan(500);
            } else {
              const target = members[command.target % members.length]!;
              const role = all[command.role % all.length]!;
              const before = await t.deps.db.selectFrom('users').select('role_id').where('id', '=', target.id).executeTakeFirstOrThrow();
              const res = await call(actor.cookie, 'PUT', `/api/users/${target.id}/role`, { roleId: role.id });
              if (res.statusCode === 200 && before.role_id !== role.id) {
                expect(target.id, 'changed their own role').not.toBe(actor.id);
                for (const p of role.permissions) expect(held.has(p), `assigned a role with ${p}`).toBe(true);
              } else expect(res.statusCode).toBeLessThan(500);
            }
            expect(await activeAccessAdmins(t, members), `after ${JSON.stringify(command)}`).toBeGreaterThan(0);
            const last = await t.deps.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
            if (Number(last.n) > audited) outcomes.granted++;
            else outcomes.refused++;
            audited = Number(last.n);
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 25 },
    );
    expect(runs).toBe(25);
    expect(outcomes.granted).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 120_000);
});
