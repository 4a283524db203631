import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('service tokens', () => {
  it('should show the secret once, list the token without it, and stop accepting it once revoked', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/service-tokens',
      headers: { cookie: t.adminCookie },
      payload: { name: 'usage-collector' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^sst_/);

    const list = await t.app.inject({ method: 'GET', url: '/api/service-tokens', headers: { cookie: t.adminCookie } });
    expect(list.json().items).toHaveLength(1);
    expect(JSON.stringify(list.json())).not.toContain(token);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/service-tokens/${id}`, headers: { cookie: t.adminCookie } });
    expect(revoked.statusCode).toBe(200);
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie: t.adminCookie } });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['service_token.revoked', 'service_token.created']);
  });

  it('should accept the token whatever the case of the Bearer scheme, and nothing else in the header', async () => {
    const { token } = (
      await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: t.adminCookie }, payload: { name: 'collector' } })
    ).json<{ token: string }>();
    const event = { id: 'e1', userId: t.org.adminUserId, type: 'chat_message', occurredAt: t.clock().toISOString() };
    const ingest = (authorization: string) =>
      t.app.inject({ method: 'POST', url: '/api/usage/events', headers: { authorization }, payload: { events: [event] } });
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) expect((await ingest(`${scheme} ${token}`)).statusCode, scheme).toBe(200);
    for (const header of [`Bearer ${token} extra`, `Basic ${token}`, `Bearer${token}`, `Bearer ${token}${'x'.repeat(200)}`]) {
      const refused = await ingest(header);
      expect([refused.statusCode, refused.json().error.code], header.slice(0, 12)).toEqual([401, 'SERVICE_TOKEN_INVALID']);
    }
  });

  it('should not let a member manage service tokens', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test', roleKey: 'member' }));
    const res = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: member }, payload: { name: 'x' } });
    expect(res.statusCode).toBe(403);
  });

  it('should not reveal or revoke another organization’s token', async () => {
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const created = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: other.adminCookie }, payload: { name: 'theirs' } });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/service-tokens/${created.json().id}`, headers: { cookie: t.adminCookie } });
    expect(res.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/service-tokens', headers: { cookie: t.adminCookie } });
    expect(list.json().items).toHaveLength(0);
  });
});
