import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_KEYS, isPermissionKey } from '../../src/contracts/permissions.js';
import { DEFAULT_ROLE_PERMISSIONS } from '../../src/server/features/roles/roles.guardrails.js';
import type { DeclaredRoute } from '../../src/server/platform/access.js';
import { runDueBulkJobs } from '../../src/server/features/bulk-jobs/index.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Generated from the route table the app builds while registering routes (`app.declaredRoutes`):
 * a route added tomorrow is covered without touching this file, and a route that declares nothing
 * stops the app from starting at all. Per-action requirements (`config.actions`), step-up
 * (`config.stepUp`) and requirements that apply only in some cases (`config.conditional`) are walked
 * the same way.
 */
let t: TestApp;
let routes: DeclaredRoute[];
/** Cookie of a user whose custom role holds every permission except the key. */
const lacking = new Map<string, string>();
/** Cookie of a user who holds every permission and has a passkey, but has not used it on this session. */
let unverified: string;

beforeAll(async () => {
  t = await buildTestApp();
  routes = t.app.declaredRoutes;
  for (const key of PERMISSION_KEYS) {
    // A role that can invite must be able to grant the default role: without one of its permissions, no inviting either.
    const dropped = DEFAULT_ROLE_PERMISSIONS.includes(key) ? [key, 'users.invite'] : [key];
    const user = await t.userWithPermissions(
      `no-${key.replace('.', '-')}@acme.test`,
      PERMISSION_KEYS.filter((p) => !dropped.includes(p)),
    );
    lacking.set(key, user.cookie);
  }
  const holder = (await t.userWithPermissions('passkey-holder@acme.test', [...PERMISSION_KEYS])).userId;
  const now = t.clock().toISOString();
  await t.deps.db
    .insertInto('passkeys')
    .values({
      id: t.deps.newId(),
      organization_id: t.org.organizationId,
      user_id: holder,
      credential_id: `cred-${holder}`,
      public_key: 'x',
      counter: 0,
      transports: '[]',
      device_type: 'singleDevice',
      backed_up: 0,
      aaguid: null,
      name: 'Laptop',
      created_at: now,
      last_used_at: null,
    })
    .execute();
  unverified = await t.signInAs(holder);
});
afterAll(async () => t?.close());

function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, '0190f5a0-0000-7000-8000-000000000000').replace(/\*/g, 'x');
}

function request(route: DeclaredRoute, cookie?: string, payload: object = {}) {
  const withBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  return t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: cookie ? { cookie } : {}, ...(withBody && { payload }) });
}

function expectForbidden(res: LightMyRequestResponse, permission: string, what: string): void {
  expect(res.statusCode, `${what} without ${permission}: ${res.body}`).toBe(403);
  expect(res.json().error, what).toMatchObject({ code: 'FORBIDDEN', details: { permission } });
}

function expectStepUp(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what} without a recent passkey check: ${res.body}`).toBe(403);
  expect(res.json().error.code, what).toBe('STEP_UP_REQUIRED');
}

/**
 * How to reach each conditional requirement: a request that needs it, sent with the given cookie.
 * A route that declares a new one without an entry here fails the test below.
 */
/** A role or group job started by the admin (run to its end for an undo), then cancelled or undone with `cookie`. */
async function bulkJobCase(cookie: string, kind: 'role' | 'groups', verb: 'cancel' | 'undo') {
  const userId = await t.createUser({ email: `bulk-${t.deps.newId()}@acme.test` });
  const roleOrGroup =
    kind === 'role'
      ? {
          action: 'assign_role',
          roleId: (
            await t.deps.db
              .selectFrom('roles')
              .select('id')
              .where('organization_id', '=', t.org.organizationId)
              .where('system_key', '=', 'viewer')
              .executeTakeFirstOrThrow()
          ).id,
        }
      : {
          action: 'add_to_group',
          groupId: (
            await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name: `G ${t.deps.newId()}` } })
          ).json().id,
        };
  const job = await t.app.inject({ method: 'POST', url: '/api/bulk-jobs', headers: { cookie: t.adminCookie }, payload: { ...roleOrGroup, userIds: [userId] } });
  // Every job the cases before this one queued is due too: a batch that takes them all.
  if (verb === 'undo') await runDueBulkJobs(t.deps, t.app.log, {}, 100);
  return t.app.inject({ method: 'POST', url: `/api/bulk-jobs/${job.json().id}/${verb}`, headers: { cookie } });
}

const CONDITIONAL_CASES: Record<string, (cookie: string) => Promise<LightMyRequestResponse>> = {
  'POST /api/invitations#existing_user_role_change': async (cookie) => {
    const email = `existing-${t.deps.newId()}@acme.test`;
    await t.createUser({ email, roleKey: 'member' });
    const viewer = await t.deps.db
      .selectFrom('roles')
      .select('id')
      .where('organization_id', '=', t.org.organizationId)
      .where('system_key', '=', 'viewer')
      .executeTakeFirstOrThrow();
    return t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie }, payload: { entries: [{ email }], roleId: viewer.id } });
  },
  'POST /api/bulk-jobs/:id/cancel#role': async (cookie) => bulkJobCase(cookie, 'role', 'cancel'),
  'POST /api/bulk-jobs/:id/cancel#groups': async (cookie) => bulkJobCase(cookie, 'groups', 'cancel'),
  'POST /api/bulk-jobs/:id/cancel#deactivation': async (cookie) => {
    const userId = await t.createUser({ email: `bulk-${t.deps.newId()}@acme.test` });
    const job = await t.app.inject({
      method: 'POST',
      url: '/api/bulk-jobs',
      headers: { cookie: t.adminCookie },
      payload: { action: 'deactivate', userIds: [userId] },
    });
    return t.app.inject({ method: 'POST', url: `/api/bulk-jobs/${job.json().id}/cancel`, headers: { cookie } });
  },
  'POST /api/bulk-jobs/:id/cancel#invitations': async (cookie) => {
    const rows = [{ line: 1, email: `new-${t.deps.newId()}@acme.test` }];
    const job = await t.app.inject({ method: 'POST', url: '/api/bulk-jobs/invitations', headers: { cookie: t.adminCookie }, payload: { rows } });
    return t.app.inject({ method: 'POST', url: `/api/bulk-jobs/${job.json().id}/cancel`, headers: { cookie } });
  },
  // A CSV import job: refused at the start (the passkey check), or row by row (the job's outcome, read back once it has run).
  'POST /api/bulk-jobs/invitations#existing_user_role_change': async (cookie) => {
    const email = `existing-${t.deps.newId()}@acme.test`;
    await t.createUser({ email, roleKey: 'member' });
    const rows = [{ line: 1, email, role: 'viewer' }];
    const start = await t.app.inject({ method: 'POST', url: '/api/bulk-jobs/invitations', headers: { cookie }, payload: { rows } });
    if (start.statusCode !== 202) return start;
    await runDueBulkJobs(t.deps, t.app.log, {}, 100);
    return t.app.inject({ method: 'GET', url: `/api/bulk-jobs/${start.json().id}`, headers: { cookie: t.adminCookie } });
  },
  'POST /api/bulk-jobs/:id/undo#role': async (cookie) => bulkJobCase(cookie, 'role', 'undo'),
  'POST /api/bulk-jobs/:id/undo#groups': async (cookie) => bulkJobCase(cookie, 'groups', 'undo'),
  'POST /api/access-reviews/campaigns/:id/close#applyRevocations': async (cookie) => {
    const dueAt = new Date(t.clock().getTime() + 7 * 86_400_000).toISOString();
    const payload = { name: 'Everyone', scope: { type: 'all' }, reviewers: { mode: 'manager' }, dueAt };
    const campaign = await t.app.inject({ method: 'POST', url: '/api/access-reviews/campaigns', headers: { cookie: t.adminCookie }, payload });
    // Closing with "revoke unreviewed" revokes every item: the role changes need their own permission and passkey check.
    const url = `/api/access-reviews/campaigns/${campaign.json().id}/close`;
    return t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { revokeUnreviewed: true } });
  },
};

describe('the route table', () => {
  it('should hold every feature route, each with a permission or marked public', () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect(r.public || r.service || r.bearer !== null || r.permission !== null, `${r.method} ${r.url}`).toBe(true);
    const declaredKeys = routes.flatMap((r) => [
      r.permission,
      ...Object.values(r.actions).map((a) => a.permission),
      ...Object.values(r.conditional).map((c) => c.permission),
    ]);
    for (const key of declaredKeys) if (key && key !== 'authenticated') expect(isPermissionKey(key), key).toBe(true);
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(
      expect.arrayContaining(['POST /api/roles', 'PATCH /api/roles/:id', 'DELETE /api/roles/:id', 'GET /api/users', 'PUT /api/users/:id/role']),
    );
  });

  it('should answer 403 to a user whose role lacks exactly the route’s permission, on every route', async () => {
    const checked: string[] = [];
    for (const route of routes) {
      if (route.public || !route.permission || route.permission === 'authenticated') continue;
      const res = await request(route, lacking.get(route.permission));
      if (route.method === 'HEAD') expect(res.statusCode).toBe(403);
      else expectForbidden(res, route.permission, `${route.method} ${route.url}`);
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked.length).toBeGreaterThan(25);
  });

  it('should answer 403 to a user whose role lacks exactly what an action needs, on every action a route declares', async () => {
    const checked: string[] = [];
    for (const route of routes) {
      for (const [action, requirement] of Object.entries(route.actions)) {
        if (!requirement.permission) continue;
        expectForbidden(
          await request(route, lacking.get(requirement.permission), { action }),
          requirement.permission,
          `${route.method} ${route.url} action ${action}`,
        );
        checked.push(`${route.url}#${action}`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['/api/users/bulk#assign_role', '/api/users/bulk#add_to_group']));
  });

  it('should ask a passkey holder for a recent passkey check on every route and action that declares step-up', async () => {
    const checked: string[] = [];
    for (const route of routes) {
      if (route.stepUp) {
        expectStepUp(await request(route, unverified), `${route.method} ${route.url}`);
        checked.push(`${route.method} ${route.url}`);
      }
      for (const [action, requirement] of Object.entries(route.actions)) {
        if (!requirement.stepUp) continue;
        expectStepUp(await request(route, unverified, { action }), `${route.method} ${route.url} action ${action}`);
        checked.push(`${route.method} ${route.url}#${action}`);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining(['PUT /api/users/:id/role', 'POST /api/roles/:id/duplicate', 'POST /api/users/bulk#assign_role', 'POST /api/users/:id/delete']),
    );
  });

  it('should enforce every conditional requirement a route declares, in the case it names', async () => {
    const declared = routes.flatMap((route) =>
      Object.entries(route.conditional).map(([name, requirement]) => ({ key: `${route.method} ${route.url}#${name}`, requirement })),
    );
    expect(declared.length).toBeGreaterThan(0);
    for (const { key, requirement } of declared) {
      const reach = CONDITIONAL_CASES[key];
      expect(reach, `no case in CONDITIONAL_CASES reaches ${key}`).toBeDefined();
      if (requirement.permission) {
        const res = await reach(lacking.get(requirement.permission)!);
        // Refused for that item (or the whole request): never applied.
        const refusedItem =
          res.statusCode === 200 && (res.json().results?.[0]?.outcome === 'rejected' || res.json().failures?.[0]?.code === 'ROLE_CHANGE_NOT_ALLOWED');
        expect(refusedItem || res.statusCode === 403, `${key} without ${requirement.permission}: ${res.body}`).toBe(true);
      }
      if (requirement.stepUp) expectStepUp(await reach(unverified), key);
    }
  });

  it('should answer 401 to a signed-out caller on every route that is not public', async () => {
    for (const route of routes) {
      if (route.public) continue;
      const res = await request(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      if (route.method === 'HEAD') continue;
      // Bearer-token routes answer in their protocol's error form (SCIM: RFC 7644 §3.12).
      if (route.bearer) expect(res.json(), `${route.method} ${route.url}`).toMatchObject({ status: '401' });
      else expect(res.json().error.code).toBe(route.service ? 'SERVICE_TOKEN_INVALID' : 'UNAUTHENTICATED');
    }
  });

  it('should refuse a session cookie on service-token routes', async () => {
    for (const route of routes.filter((r) => r.service || r.bearer)) {
      const res = await request(route, t.adminCookie);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
