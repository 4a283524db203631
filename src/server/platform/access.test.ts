import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('access and errors', () => {
  it('should refuse to start when a route declares neither a permission nor public', async () => {
    const { buildApp } = await import('../app.js');
    const app = await buildApp(t.deps);
    expect(() => app.get('/api/forgotten', async () => 'x')).toThrow(/declares none of config.permission, config.public/);
    await app.close();
  });

  it('should answer a member calling an admin route with 403 and the error body', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: member } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Your role does not allow this.', details: { permission: 'users.view' } } });
  });

  it('should answer malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: { cookie: t.adminCookie, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('should answer an unknown API path with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie: t.adminCookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('should serve the OpenAPI document and health probes without a session', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.json().paths).toHaveProperty('/api/users');
    expect(doc.json().paths).toHaveProperty('/api/invitations');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
});
