import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_ADMIN_PERMISSIONS, PERMISSION_KEYS } from '../../../contracts/permissions.js';
import { propertyOptions } from '../../../../test/helpers/property.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { DEFAULT_ROLE_PERMISSIONS } from './roles.guardrails.js';

/**
 * Random organizations (custom roles of random breadth, users holding random roles, the access
 * administrators on custom roles so their roles can be edited) and random sequences of changes,
 * every one through the real API as some user of the organization:
 *  1. no successful step gives a role or a user a permission that the acting user did not hold;
 *  2. a refused step changes nothing (roles, users, audit log);
 *  3. after every step the organization still has an active user who can manage users and roles.
 * Each run is a fresh organization in one app: organizations share nothing.
 */

const mask = fc.array(fc.boolean(), { minLength: PERMISSION_KEYS.length, maxLength: PERMISSION_KEYS.length });
const pick = (m: boolean[], from: readonly string[] = PERMISSION_KEYS) => from.filter((_, i) => m[i % m.length]);

const setupArb = fc.record({
  roles: fc.array(fc.record({ mask, accessAdmin: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  users: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
});

/** `own`: the permissions are drawn from the actor's own (so some steps succeed), else from the whole catalogue. */
const commandArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), actor: fc.nat(10), own: fc.boolean(), mask }),
  fc.record({ kind: fc.constant('edit' as const), actor: fc.nat(10), role: fc.nat(20), own: fc.boolean(), mask }),
  // Takes one access-administration permission away from a role the actor holds: where the last-admin guard matters.
  fc.record({ kind: fc.constant('strip' as const), actor: fc.nat(10), which: fc.nat(1) }),
  fc.record({ kind: fc.constant('assign' as const), actor: fc.nat(10), target: fc.nat(10), role: fc.nat(20) }),
  fc.record({ kind: fc.constant('duplicate' as const), actor: fc.nat(10), role: fc.nat(20) }),
  fc.record({ kind: fc.constant('deactivate' as const), actor: fc.nat(10), target: fc.nat(10) }),
);

interface Member {
  id: string;
  cookie: string;
}

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

/** A role's permissions as the API would accept them: an inviter can always grant the default role. */
function valid(permissions: string[]): string[] {
  return permissions.includes('users.invite') ? [...new Set([...permissions, ...DEFAULT_ROLE_PERMISSIONS])] : permissions;
}

async function permissionsOf(userId: string): Promise<Set<string>> {
  const row = await t.deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select(['roles.permissions', 'users.status'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return new Set(row.status === 'active' ? (JSON.parse(row.permissions) as string[]) : []);
}

async function rolesOf(organizationId: string) {
  const rows = await t.deps.db
    .selectFrom('roles')
    .select(['id', 'permissions', 'version', 'system_key'])
    .where('organization_id', '=', organizationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, permissions: JSON.parse(r.permissions) as string[] }));
}

/** Everything a step could change, to prove a refused one changed nothing. */
async function snapshot(organizationId: string) {
  const db = t.deps.db;
  const [roles, users, audit] = await Promise.all([
    db
      .selectFrom('roles')
      .select(['id', 'name', 'permissions', 'version', 'owner_user_id'])
      .where('organization_id', '=', organizationId)
      .orderBy('id')
      .execute(),
    db.selectFrom('users').select(['id', 'role_id', 'status', 'version']).where('organization_id', '=', organizationId).orderBy('id').execute(),
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .executeTakeFirstOrThrow(),
  ]);
  return { roles, users, audit: Number(audit.n) };
}

async function activeAccessAdmins(members: Member[]): Promise<number> {
  let n = 0;
  for (const m of members) {
    const p = await permissionsOf(m.id);
    if (ACCESS_ADMIN_PERMISSIONS.every((k) => p.has(k))) n++;
  }
  return n;
}

describe('role grants (property)', () => {
  it('should never let anyone grant what they do not hold, change anything when refused, nor lose the last access administrator', async () => {
    let runs = 0;
    /** Successful steps and refusals seen, so the property is not vacuously true. */
    const outcomes = { applied: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(setupArb, fc.array(commandArb, { minLength: 1, maxLength: 12 }), async (setup, commands) => {
        runs++;
        const org = await t.newOrganization(`Org ${runs}`, `root@org${runs}.test`);
        const orgId = org.organizationId;
        const call = (cookie: string, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
          t.app.inject({ method, url, headers: { cookie }, payload });
        // The organization: the first administrator moves onto a custom access-administration role
        // (system roles cannot be edited), creates other roles and hands them out.
        const admin: Member = { id: org.adminUserId, cookie: org.adminCookie };
        const chief = await call(admin.cookie, 'POST', '/api/roles', { name: 'Chief', permissions: [...PERMISSION_KEYS], ownerUserId: admin.id });
        expect(chief.statusCode, chief.body).toBe(201);
        await t.deps.db.updateTable('users').set({ role_id: chief.json().id }).where('id', '=', admin.id).execute();
        let n = 0;
        for (const r of setup.roles) {
          const permissions = valid([...new Set([...pick(r.mask), ...(r.accessAdmin ? [...ACCESS_ADMIN_PERMISSIONS, 'users.view'] : [])])]);
          const res = await call(admin.cookie, 'POST', '/api/roles', { name: `Custom ${n++}`, permissions, ownerUserId: admin.id });
          expect(res.statusCode, res.body).toBe(201);
        }
        const members: Member[] = [admin];
        const initialRoles = (await rolesOf(orgId)).filter((r) => r.system_key !== 'admin');
        for (const [i, roleIndex] of setup.users.entries()) {
          const id = await t.createUser({ email: `u${i}@org${runs}.test`, organizationId: orgId });
          const res = await call(admin.cookie, 'PUT', `/api/users/${id}/role`, { roleId: initialRoles[roleIndex % initialRoles.length].id });
          expect(res.statusCode, res.body).toBe(200);
          members.push({ id, cookie: await t.signInAs(id) });
        }

        for (const command of commands) {
          const actor = members[command.actor % members.length];
          const held = await permissionsOf(actor.id);
          const all = await rolesOf(orgId);
          const before = await snapshot(orgId);
          const requested = 'mask' in command ? valid(pick(command.mask, command.own ? [...held] : PERMISSION_KEYS)) : [];
          let res;
          let granted: string[] = [];
          if (command.kind === 'create') {
            res = await call(actor.cookie, 'POST', '/api/roles', { name: `R${t.deps.newId()}`, permissions: requested, ownerUserId: actor.id });
            if (res.statusCode === 201) granted = res.json().permissions;
          } else if (command.kind === 'edit' || command.kind === 'strip') {
            const own = all.find((r) => r.id === before.users.find((u) => u.id === actor.id)!.role_id)!;
            const role = command.kind === 'strip' ? own : all[command.role % all.length];
            const permissions = command.kind === 'strip' ? role.permissions.filter((p) => p !== ACCESS_ADMIN_PERMISSIONS[command.which]) : requested;
            res = await call(actor.cookie, 'PATCH', `/api/roles/${role.id}`, { version: role.version, permissions, ownerUserId: actor.id });
            if (res.statusCode === 200) granted = (res.json().permissions as string[]).filter((p) => !role.permissions.includes(p));
          } else if (command.kind === 'duplicate') {
            const role = all[command.role % all.length];
            res = await call(actor.cookie, 'POST', `/api/roles/${role.id}/duplicate`, { name: `D${t.deps.newId()}`, ownerUserId: actor.id });
            if (res.statusCode === 201) granted = res.json().permissions;
          } else if (command.kind === 'assign') {
            const target = members[command.target % members.length];
            const role = all[command.role % all.length];
            res = await call(actor.cookie, 'PUT', `/api/users/${target.id}/role`, { roleId: role.id });
            if (res.statusCode === 200 && before.users.find((u) => u.id === target.id)!.role_id !== role.id) {
              expect(target.id, 'changed their own role').not.toBe(actor.id);
              granted = role.permissions;
            }
          } else {
            const target = members[command.target % members.length];
            res = await call(actor.cookie, 'POST', `/api/users/${target.id}/deactivate`, {});
          }
          for (const p of granted) expect(held.has(p), `${command.kind} granted ${p}, which the actor did not hold`).toBe(true);
          if (res.statusCode >= 400) {
            expect(res.statusCode, res.body).toBeLessThan(500);
            expect(await snapshot(orgId), `refused ${JSON.stringify(command)} changed something`).toEqual(before);
            outcomes.refused++;
          } else outcomes.applied++;
          expect(await activeAccessAdmins(members), `no access administrator left after ${JSON.stringify(command)}`).toBeGreaterThan(0);
        }
      }),
      propertyOptions('role grants', 60),
    );
    expect(runs).toBeGreaterThanOrEqual(60);
    expect(outcomes.applied).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 120_000);
});
