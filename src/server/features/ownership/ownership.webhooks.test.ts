import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { registerItems, serviceToken } from '../../../../test/helpers/content.js';
import { httpReceiver, type HttpReceiver, type HttpRequestSeen } from '../../../../test/helpers/receivers.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { verifyWebhookSignature } from '../../platform/signed-delivery.js';
import { deliverDueWebhooks, enqueueWebhookEvents } from './ownership.webhooks.js';

let t: TestApp;
let receiver: HttpReceiver;
afterEach(async () => {
  await t?.close();
  await receiver?.close();
});

/** Adds an endpoint through the API, as an administrator does; returns its signing secret. */
async function addEndpoint(url: string): Promise<{ id: string; secret: string }> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: { cookie: t.adminCookie },
    payload: { url, description: 'Content service' },
  });
  expect(created.statusCode).toBe(201);
  return created.json();
}

const deliveries = async () => (await t.app.inject({ method: 'GET', url: '/api/webhooks/deliveries', headers: { cookie: t.adminCookie } })).json().items;

describe('webhooks to a receiver on this machine (WEBHOOK_ALLOW_PRIVATE=1)', () => {
  let failuresLeft = 0;
  const respond = (_: HttpRequestSeen, answer: (status: number) => void) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      return answer(503);
    }
    answer(204);
  };

  async function setUp() {
    failuresLeft = 0;
    receiver = await httpReceiver(respond);
    t = await buildTestApp({ config: { webhookAllowPrivate: true } });
    return serviceToken(t);
  }

  it('should retry after the receiver fails, with backoff, and deliver a body signed with the endpoint secret and the time of sending', async () => {
    const token = await setUp();
    const { secret } = await addEndpoint(receiver.url);
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
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(2_000);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(0);
    t.clock.advance(4_000);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    rows = await t.deps.db.selectFrom('webhook_outbox').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, last_status_code: 204 })]);

    const delivery = receiver.received.at(-1)!;
    expect(delivery.headers['x-sofie-timestamp']).toBe(String(Math.floor(t.clock().getTime() / 1000)));
    expect(verifyWebhookSignature(secret, delivery.body, delivery.headers, t.clock().getTime())).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', delivery.body, delivery.headers, t.clock().getTime())).toBe(false);
    const event = JSON.parse(delivery.body);
    expect(delivery.headers['x-sofie-event']).toBe('content.ownership_changed');
    expect(delivery.headers['x-sofie-delivery']).toBe(event.id);
    expect(event).toMatchObject({
      type: 'content.ownership_changed',
      organizationId: t.org.organizationId,
      data: { cause: 'service_sync', changes: [{ externalId: 'doc-1', fromOwnerUserId: null, toOwnerUserId: owner }] },
    });

    // A transfer announces the change too.
    await registerItems(t, token, [{ externalId: 'doc-1', type: 'codraft', title: 'Plan', ownerUserId: next }]);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    expect(JSON.parse(receiver.received.at(-1)!.body).data.changes).toEqual([expect.objectContaining({ fromOwnerUserId: owner, toOwnerUserId: next })]);
    expect((await deliveries()).map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('should let a receiver detect a replayed delivery: an old timestamp is refused, and a fresh one does not match the signature', async () => {
    const token = await setUp();
    const { secret } = await addEndpoint(receiver.url);
    await registerItems(t, token, [{ externalId: 'doc-1', type: 'codraft', title: 'Plan', ownerUserId: null }]);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    const sentAt = t.clock().getTime();
    const { body, headers } = receiver.received[0];
    expect(verifyWebhookSignature(secret, body, headers, sentAt + 4 * 60_000)).toBe(true);

    // Replayed as captured, 6 minutes later: the timestamp is too old.
    expect(verifyWebhookSignature(secret, body, headers, sentAt + 6 * 60_000)).toBe(false);
    // Replayed with the timestamp made fresh: the signature was made over the old one.
    const refreshed = { ...headers, 'x-sofie-timestamp': String(Math.floor((sentAt + 6 * 60_000) / 1000)) };
    expect(verifyWebhookSignature(secret, body, refreshed, sentAt + 6 * 60_000)).toBe(false);
    // And the body cannot be changed either.
    expect(verifyWebhookSignature(secret, body.replace('doc-1', 'doc-2'), headers, sentAt)).toBe(false);
  });

  it('should give the same verdicts with the verification snippet the README tells receivers to copy', async () => {
    const token = await setUp();
    const { secret } = await addEndpoint(receiver.url);
    await registerItems(t, token, [{ externalId: 'doc-1', type: 'codraft', title: 'Plan', ownerUserId: null }]);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    const { body, headers } = receiver.received[0];
    const sentAt = t.clock().getTime();

    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const snippet = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code.includes('function verifySofieWebhook'));
    expect(snippet).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'sofie-readme-'));
    try {
      writeFileSync(join(dir, 'verify.mjs'), snippet!);
      const { verifySofieWebhook } = await import(pathToFileURL(join(dir, 'verify.mjs')).href);
      expect(verifySofieWebhook(secret, body, headers, sentAt)).toBe(true);
      expect(verifySofieWebhook('whsec_wrong', body, headers, sentAt)).toBe(false);
      expect(verifySofieWebhook(secret, body, headers, sentAt + 6 * 60_000)).toBe(false);
      expect(verifySofieWebhook(secret, body, { ...headers, 'x-sofie-timestamp': String(Math.floor(sentAt / 1000) + 360) }, sentAt + 6 * 60_000)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should deliver nothing for a rolled-back change, and nothing to a disabled endpoint', async () => {
    const token = await setUp();
    const created = await addEndpoint(receiver.url);
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/service/content-items',
      headers: { authorization: `Bearer ${token}` },
      payload: { items: [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: 'ghost' }] },
    });
    expect(refused.statusCode).toBe(422);
    expect(await t.deps.db.selectFrom('webhook_outbox').selectAll().execute()).toHaveLength(0);
    await registerItems(t, token, [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: null }]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${created.id}`, headers: { cookie: t.adminCookie } })).statusCode).toBe(200);
    await deliverDueWebhooks(t.deps, t.app.log);
    expect(receiver.received).toHaveLength(0);
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'failed', lastError: 'endpoint disabled' })]);
    const bad = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie: t.adminCookie }, payload: { url: 'ftp://example.com/x' } });
    expect(bad.json().error.code).toBe('WEBHOOK_URL_INVALID');
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: { cookie: member } })).statusCode).toBe(403);
  });
});

describe('webhooks only to public addresses (the default)', () => {
  it('should refuse to create an endpoint on a loopback, private, link-local or other non-public address, saying why', async () => {
    t = await buildTestApp();
    // Validation only: nothing here is ever connected to.
    const cases: [url: string, why: RegExp][] = [
      ['http://127.0.0.1:8080/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/],
      ['http://localhost:3000/hooks', /localhost resolves to (127\.0\.0\.1|::1), which is not a public address \(loopback\)/],
      ['http://2130706433/hooks', /127\.0\.0\.1 is not a public address \(loopback\)/], // 127.0.0.1 written as one number
      ['http://[::1]/hooks', /::1 is not a public address \(loopback\)/],
      ['http://10.20.30.40/hooks', /10\.20\.30\.40 is not a public address \(private\)/],
      ['https://172.16.0.5/hooks', /\(private\)/],
      ['https://192.168.1.10/hooks', /\(private\)/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address \(link-local\)/],
      ['http://[fe80::1]/hooks', /\(link-local\)/],
      ['http://100.64.0.1/hooks', /shared \(carrier-grade NAT\)/],
      ['http://[fd12:3456::1]/hooks', /\(unique local\)/],
      ['http://[::ffff:192.168.0.1]/hooks', /::ffff:c0a8:1 is not a public address \(IPv4-mapped private\)/],
      ['http://0.0.0.0/hooks', /unspecified/],
      ['http://224.0.0.1/hooks', /multicast/],
    ];
    for (const [url, why] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie: t.adminCookie }, payload: { url } });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 422, 'WEBHOOK_URL_NOT_PUBLIC']);
      expect(res.json().error.message, url).toMatch(why);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/webhooks', headers: { cookie: t.adminCookie } })).json().items).toEqual([]);
    const audit = await t.deps.db.selectFrom('audit_events').select('action').where('action', '=', 'webhook.created').execute();
    expect(audit).toEqual([]);
  });

  it('should refuse at delivery, without connecting, an endpoint whose host is or resolves to a loopback address', async () => {
    receiver = await httpReceiver();
    t = await buildTestApp();
    // Endpoints that got past creation (made before the guard existed, or a name whose DNS answer changed).
    const now = t.clock().toISOString();
    const urls = [`http://localhost:${receiver.port}/hooks`, `http://127.0.0.1:${receiver.port}/hooks`, `http://[::ffff:127.0.0.1]:${receiver.port}/hooks`];
    for (const url of urls) {
      await t.deps.db
        .insertInto('webhook_endpoints')
        .values({
          id: t.deps.newId(),
          organization_id: t.org.organizationId,
          url,
          description: '',
          secret: 'whsec_x',
          created_by: t.org.adminUserId,
          created_at: now,
          disabled_at: null,
        })
        .execute();
    }
    await t.deps.db.transaction().execute((trx) => enqueueWebhookEvents(trx, t.deps, t.org.organizationId, 'content.removed', [{ externalId: 'doc-1' }]));

    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(0);
    expect(receiver.connections()).toBe(0);
    const log = await deliveries();
    expect(log).toHaveLength(3);
    for (const delivery of log) {
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toMatch(/^refused: .*is not a public address \((IPv4-mapped )?loopback\); webhooks go only to public addresses/);
    }
    expect(log.map((d: { lastError: string }) => d.lastError)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1)/)]),
    );
    // Refused for good: no retry reaches the receiver later either.
    t.clock.advance(24 * 60 * 60_000);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(0);
    expect(receiver.connections()).toBe(0);
  });
});
