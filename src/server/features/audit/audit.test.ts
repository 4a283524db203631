import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('a user’s history', () => {
  it('should show where a change came from only to those who may view security events', async () => {
    const bob = await t.createUser({ email: 'bob@acme.test' });
    await t.app.inject({
      method: 'POST',
      url: `/api/users/${bob}/sign-out-everywhere`,
      remoteAddress: '203.0.113.50',
      headers: { cookie: t.adminCookie },
      payload: { reason: 'Lost laptop' },
    });

    const asAdmin = (await t.app.inject({ method: 'GET', url: `/api/users/${bob}/history`, headers: { cookie: t.adminCookie } })).json();
    expect(asAdmin.items[0]).toMatchObject({ action: 'user.signed_out_everywhere', reason: 'Lost laptop', ip: '203.0.113.50' });

    const viewer = (await t.userWithPermissions('helpdesk@acme.test', ['users.view'])).cookie;
    const asViewer = await t.app.inject({ method: 'GET', url: `/api/users/${bob}/history`, headers: { cookie: viewer } });
    expect(asViewer.statusCode).toBe(200);
    expect(asViewer.json().items[0]).toMatchObject({ action: 'user.signed_out_everywhere', reason: 'Lost laptop', ip: null });
  });
});
