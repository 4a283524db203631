import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('every answer names its request', () => {
  it('should send the server’s own request id on successes and failures, never one the client chose', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: t.adminCookie } });
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/users?cursor=not-a-cursor',
      headers: { cookie: t.adminCookie, 'x-request-id': 'chosen-by-client' },
    });
    const signedOut = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(ok.statusCode).toBe(200);
    expect(refused.statusCode).toBe(400);
    expect(signedOut.statusCode).toBe(401);
    const ids = [ok, refused, signedOut].map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{20,}$/);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).not.toBe('chosen-by-client');
  });
});
