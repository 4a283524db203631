import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerItems, sampleItems, serviceToken } from '../../../../test/helpers/content.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { deliverDueWebhooks } from './ownership.webhooks.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await buildTestApp();
  token = await serviceToken(t);
});
afterEach(async () => t.close());

function service(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

describe('ownership registry service API', () => {
  it('should upsert idempotently by externalId and replace collaborators when given', async () => {
    const owner = await t.createUser({ email: 'o@acme.test' });
    const collab = await t.createUser({ email: 'c@acme.test' });
    const batch = [...sampleItems(owner), { externalId: 'shared', type: 'codraft' as const, title: 'Shared draft', ownerUserId: owner, collaborators: [{ userId: collab, role: 'editor' as const }] }];
    const first = await service('PUT', '/api/service/content-items', { items: batch });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 10, updated: 0, unchanged: 0 });
    const again = await service('PUT', '/api/service/content-items', { items: batch });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    expect(again.json().items.map((i: { id: string }) => i.id)).toEqual(first.json().items.map((i: { id: string }) => i.id));

    const changed = await service('PUT', '/api/service/content-items', { items: [{ externalId: 'shared', type: 'codraft', title: 'Shared draft', ownerUserId: null, collaborators: [{ userId: collab, role: 'viewer' }] }] });
    expect(changed.json()).toMatchObject({ updated: 1 });
    const listed = await service('GET', '/api/service/content-items?limit=200');
    const shared = listed.json().items.find((i: { externalId: string }) => i.externalId === 'shared');
    expect(shared).toMatchObject({ owner: null, collaboratorCount: 1 });

    const seats = await service('POST', '/api/service/content-items/collaborators', { add: [{ externalId: 'x-sheet', userId: collab, role: 'editor' }, { externalId: 'shared', userId: collab, role: 'viewer' }], remove: [{ externalId: 'x-draft', userId: collab }] });
    expect(seats.json()).toEqual({ added: 1, updated: 0, removed: 0, unchanged: 2 });

    const removed = await service('POST', '/api/service/content-items/remove', { externalIds: ['shared', 'nope'] });
    expect(removed.json()).toEqual({ removed: 1, notFound: 1 });
    expect((await service('GET', '/api/service/content-items?limit=200')).json().items).toHaveLength(9);
  });

  it('should refuse unknown or foreign users, duplicates, bad input and missing tokens', async () => {
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const foreign = await service('PUT', '/api/service/content-items', { items: [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: globex.adminUserId }] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error).toMatchObject({ code: 'UNKNOWN_USER', details: { userIds: [globex.adminUserId] } });
    const dup = await service('PUT', '/api/service/content-items', { items: [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: null }, { externalId: 'a', type: 'codraft', title: 'B', ownerUserId: null }] });
    expect(dup.json().error.code).toBe('DUPLICATE_EXTERNAL_ID');
    const badType = await service('PUT', '/api/service/content-items', { items: [{ externalId: 'a', type: 'spreadsheet', title: 'A', ownerUserId: null }] });
    expect(badType.statusCode).toBe(400);
    const missing = await service('POST', '/api/service/content-items/collaborators', { add: [{ externalId: 'ghost', userId: t.org.adminUserId, role: 'editor' }] });
    expect(missing.json().error.code).toBe('CONTENT_ITEM_NOT_FOUND');
    expect((await service('GET', '/api/service/content-items', undefined, 'sst_invalid')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/service/content-items', headers: { cookie: t.adminCookie } })).statusCode).toBe(401);
  });

  it('should keep each organization’s registry to itself', async () => {
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const theirToken = await serviceToken(t, globex.adminCookie, 'globex-content');
    await registerItems(t, token, [{ externalId: 'same-id', type: 'codraft', title: 'Acme plan', ownerUserId: t.org.adminUserId }]);
    await registerItems(t, theirToken, [{ externalId: 'same-id', type: 'codraft', title: 'Globex plan', ownerUserId: globex.adminUserId }]);
    const ours = (await service('GET', '/api/service/content-items')).json().items;
    const theirs = (await service('GET', '/api/service/content-items', undefined, theirToken)).json().items;
    expect(ours.map((i: { title: string }) => i.title)).toEqual(['Acme plan']);
    expect(theirs.map((i: { title: string }) => i.title)).toEqual(['Globex plan']);
    const removed = await service('POST', '/api/service/content-items/remove', { externalIds: ['same-id'] }, theirToken);
    expect(removed.json().removed).toBe(1);
    expect((await service('GET', '/api/service/content-items')).json().items).toHaveLength(1);
    const console = await t.app.inject({ method: 'GET', url: '/api/content-items', headers: { cookie: t.adminCookie } });
    expect(console.json().items.map((i: { title: string }) => i.title)).toEqual(['Acme plan']);
  });
});

describe('webhooks', () => {
  let receiver: Server;
  let url: string;
  const received: { body: string; signature: string; event: string; delivery: string }[] = [];
  let failuresLeft = 0;

  beforeEach(async () => {
    received.length = 0;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft--;
          res.writeHead(503).end('down for maintenance');
          return;
        }
        received.push({ body, signature: String(req.headers['x-sofie-signature']), event: String(req.headers['x-sofie-event']), delivery: String(req.headers['x-sofie-delivery']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sofie-hooks`;
  });
  afterEach(async () => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('should retry after the receiver fails, with backoff, and deliver a body signed with the endpoint secret', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie: t.adminCookie }, payload: { url, description: 'Content service' } });
    expect(created.statusCode).toBe(201);
    const secret = created.json().secret as string;
    expect(secret).toMatch(/^whsec_/);
    const listed = await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: { cookie: t.adminCookie } });
    expect(listed.body).not.toContain(secret);

    const owner = await t.createUser({ email: 'o@acme.test' });
    const next = await t.createUser({ email: 'n@acme.test' });
    await registerItems(t, token, [{ externalId: 'doc-1', type: 'codraft', title: 'Plan', ownerUserId: owner }]);
    failuresLeft = 2;
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(0);
    let rows = await t.deps.db.selectFrom('webhook_outbox').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, last_status_code: 503, last_error: 'HTTP 503' })]);
    // Not due yet: backoff holds it back.
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(0);
    expect(received).toHaveLength(0);
    t.clock.advance(2_000);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(0);
    t.clock.advance(4_000);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    rows = await t.deps.db.selectFrom('webhook_outbox').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, last_status_code: 204 })]);

    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery!.signature).toBe(`sha256=${createHmac('sha256', secret).update(delivery!.body).digest('hex')}`);
    expect(delivery!.signature).not.toBe(`sha256=${createHmac('sha256', 'whsec_wrong').update(delivery!.body).digest('hex')}`);
    const event = JSON.parse(delivery!.body);
    expect(delivery!.event).toBe('content.ownership_changed');
    expect(delivery!.delivery).toBe(event.id);
    expect(event).toMatchObject({ type: 'content.ownership_changed', organizationId: t.org.organizationId, data: { cause: 'service_sync', changes: [{ externalId: 'doc-1', fromOwnerUserId: null, toOwnerUserId: owner }] } });

    // A transfer announces the change too.
    await registerItems(t, token, [{ externalId: 'doc-1', type: 'codraft', title: 'Plan', ownerUserId: next }]);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    expect(JSON.parse(received[1]!.body).data.changes).toEqual([expect.objectContaining({ fromOwnerUserId: owner, toOwnerUserId: next })]);
    const deliveries = await t.app.inject({ method: 'GET', url: '/api/webhooks/deliveries', headers: { cookie: t.adminCookie } });
    expect(deliveries.json().items.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('should deliver nothing for a rolled-back change, and nothing to a disabled endpoint', async () => {
    const created = (await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie: t.adminCookie }, payload: { url } })).json();
    const refused = await service('PUT', '/api/service/content-items', { items: [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: 'ghost' }] });
    expect(refused.statusCode).toBe(422);
    expect(await t.deps.db.selectFrom('webhook_outbox').selectAll().execute()).toHaveLength(0);
    await registerItems(t, token, [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: null }]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${created.id}`, headers: { cookie: t.adminCookie } })).statusCode).toBe(200);
    await deliverDueWebhooks(t.deps, t.app.log);
    expect(received).toHaveLength(0);
    const bad = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie: t.adminCookie }, payload: { url: 'ftp://example.com/x' } });
    expect(bad.json().error.code).toBe('WEBHOOK_URL_INVALID');
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: { cookie: member } })).statusCode).toBe(403);
  });
});
