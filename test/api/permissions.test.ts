import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_KEYS, isPermissionKey } from '../../src/contracts/permissions.js';
import type { DeclaredRoute } from '../../src/server/platform/access.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Generated from the route table the app builds while registering routes (`app.declaredRoutes`):
 * a route added tomorrow is covered without touching this file, and a route that declares nothing
 * stops the app from starting at all.
 */
let t: TestApp;
let routes: DeclaredRoute[];
/** Cookie of a user whose custom role holds every permission except the key. */
const lacking = new Map<string, string>();

beforeAll(async () => {
  t = await buildTestApp();
  routes = t.app.declaredRoutes;
  for (const key of PERMISSION_KEYS) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/roles',
      headers: { cookie: t.adminCookie },
      payload: { name: `Everything but ${key}`, permissions: PERMISSION_KEYS.filter((p) => p !== key), ownerUserId: t.org.adminUserId },
    });
    expect(res.statusCode, res.body).toBe(201);
    const userId = await t.createUser({ email: `no-${key.replace('.', '-')}@acme.test` });
    await t.deps.db.updateTable('users').set({ role_id: res.json().id }).where('id', '=', userId).execute();
    lacking.set(key, await t.signInAs(userId));
  }
});
afterAll(async () => t?.close());

function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, '0190f5a0-0000-7000-8000-000000000000').replace(/\*/g, 'x');
}

function request(route: DeclaredRoute, cookie?: string) {
  const withBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  return t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: cookie ? { cookie } : {}, ...(withBody && { payload: {} }) });
}

describe('the route table', () => {
  it('should hold every feature route, each with a permission or marked public', () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect(r.public || r.service || r.permission !== null, `${r.method} ${r.url}`).toBe(true);
    for (const r of routes) if (r.permission && r.permission !== 'authenticated') expect(isPermissionKey(r.permission), `${r.method} ${r.url}: ${r.permission}`).toBe(true);
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(expect.arrayContaining(['POST /api/roles', 'PATCH /api/roles/:id', 'DELETE /api/roles/:id', 'GET /api/users', 'PUT /api/users/:id/role']));
  });

  it('should answer 403 to a user whose role lacks exactly the route’s permission, on every route', async () => {
    const checked: string[] = [];
    for (const route of routes) {
      if (route.public || !route.permission || route.permission === 'authenticated') continue;
      const res = await request(route, lacking.get(route.permission)!);
      expect(res.statusCode, `${route.method} ${route.url} without ${route.permission}: ${res.body}`).toBe(403);
      if (route.method !== 'HEAD') expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: route.permission } });
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked.length).toBeGreaterThan(25);
  });

  it('should answer 401 to a signed-out caller on every route that is not public', async () => {
    for (const route of routes) {
      if (route.public) continue;
      const res = await request(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      if (route.method !== 'HEAD') expect(res.json().error.code).toBe(route.service ? 'SERVICE_TOKEN_INVALID' : 'UNAUTHENTICATED');
    }
  });

  it('should refuse a session cookie on service-token routes', async () => {
    for (const route of routes.filter((r) => r.service)) {
      const res = await request(route, t.adminCookie);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
