import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpReceiver, type HttpReceiver } from '../../../../test/helpers/receivers.js';
import { seedMembers } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { recordAudit } from '../../platform/audit.js';
import { verifyWebhookSignature } from '../../platform/signed-delivery.js';
import { verifyChain } from '../audit/index.js';
import { checkpointRound } from './log-streaming.checkpoints.js';
import { deliverDueLogBatches } from './log-streaming.delivery.js';

let t: TestApp;
let receiver: HttpReceiver;
let answer = 204;
beforeEach(async () => {
  t = await buildTestApp({ config: { webhookAllowPrivate: true } });
  answer = 204;
  receiver = await httpReceiver((_, reply) => reply(answer));
});
afterEach(async () => {
  await receiver.close();
  await t.close();
});

function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = t.adminCookie) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function addDestination(): Promise<{ id: string; secret: string }> {
  const res = await call('POST', '/api/security/log-streams', { name: 'Splunk', url: receiver.url });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

interface Batch {
  kind: string;
  head?: { seq: number; hash: string; at: string };
  events: { id: string; action: string; actor: { label: string } | null; reason: string | null }[];
}
const batches = () => receiver.received.map((r) => JSON.parse(r.body) as Batch);
const streamedActions = () => batches().flatMap((b) => b.events.map((e) => e.action));
const deliver = () => deliverDueLogBatches(t.deps, t.deps.logger, 100);

describe('log streaming to a SIEM', () => {
  it('should send every audit event, with actor and reason, in a batch signed with the destination’s secret', async () => {
    const { secret } = await addDestination();
    const bob = await t.createUser({ email: 'bob@acme.test' });
    const res = await call('PUT', `/api/users/${bob}/role`, { roleId: t.org.roleIds.get('viewer'), reason: 'Read-only from now on' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await deliver()).toBe(2);

    expect(streamedActions()).toEqual(['log_stream.created', 'user.role_changed']);
    const change = batches()[1].events[0];
    expect(change).toMatchObject({ reason: 'Read-only from now on', actor: { label: expect.stringContaining('admin@acme.test') } });
    for (const r of receiver.received) expect(verifyWebhookSignature(secret, r.body, r.headers as Record<string, string>, t.clock().getTime())).toBe(true);
    expect(verifyWebhookSignature('lssec_wrong', receiver.received[0].body, receiver.received[0].headers as Record<string, string>, t.clock().getTime())).toBe(
      false,
    );
  });

  it('should lose nothing while the destination is down, and deliver once it is back', async () => {
    await addDestination();
    answer = 503;
    const bob = await t.createUser({ email: 'bob@acme.test' });
    await call('PUT', `/api/users/${bob}/role`, { roleId: t.org.roleIds.get('viewer') });
    expect(await deliver()).toBe(0);
    const listed = (await call('GET', '/api/security/log-streams')).json().items[0];
    expect(listed).toMatchObject({ pendingBatches: 2, lastError: 'HTTP 503', lastDeliveredAt: null });

    answer = 204;
    expect(await deliver()).toBe(0);
    t.clock.advance(60_000);
    expect(await deliver()).toBe(2);
    expect(streamedActions().filter((a) => a === 'user.role_changed')).toHaveLength(2);
    expect((await call('GET', '/api/security/log-streams')).json().items[0]).toMatchObject({ pendingBatches: 0, lastDeliveredAt: t.clock().toISOString() });
  });

  it('should stream nothing of a change that rolled back', async () => {
    await addDestination();
    await deliver();
    const ctx = { deps: t.deps, organizationId: t.org.organizationId, actor: null, ip: null, userAgent: null };
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await recordAudit(trx, ctx, { action: 'user.role_changed', category: 'access', risk: 'high' });
        throw new Error('the change failed after its audit was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliver()).toBe(0);
  });

  it('should split a bulk change into batches of 500 events', async () => {
    await addDestination();
    await seedMembers(t, 1200);
    const viewer = t.org.roleIds.get('viewer');
    const res = await call('POST', '/api/users/bulk', { action: 'assign_role', roleId: viewer, filter: { search: 'member' } });
    expect(res.statusCode, res.body).toBe(200);
    await deliver();
    // Batches of one transaction may be sent in any order (at least once, deduplicated by event id).
    expect(batches().map((b) => b.events.length)).toEqual([1, expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect(
      batches()
        .slice(1)
        .map((b) => b.events.length)
        .sort((a, b) => a - b),
    ).toEqual([200, 500, 500]);
  });

  it('should accept only https destinations on public addresses, refusing private ones before connecting', async () => {
    await t.close();
    t = await buildTestApp();
    const plain = await call('POST', '/api/security/log-streams', { name: 'SIEM', url: receiver.url });
    expect(plain.statusCode).toBe(422);
    expect(plain.json().error.code).toBe('DESTINATION_URL_INVALID');
    const loopback = await call('POST', '/api/security/log-streams', { name: 'SIEM', url: `https://127.0.0.1:${receiver.port}/in` });
    expect(loopback.statusCode).toBe(422);
    expect(loopback.json().error.code).toBe('DESTINATION_URL_NOT_PUBLIC');
    expect(receiver.connections()).toBe(0);
  });

  it('should keep destinations and events to their organization, and to people who configure integrations', async () => {
    const { id } = await addDestination();
    const other = await t.newOrganization('Globex', 'admin@globex.test');
    expect((await call('GET', '/api/security/log-streams', undefined, other.adminCookie)).json().items).toEqual([]);
    expect((await call('DELETE', `/api/security/log-streams/${id}`, undefined, other.adminCookie)).statusCode).toBe(404);
    await call('POST', '/api/groups', { name: 'Globex team' }, other.adminCookie);
    await deliver();
    expect(streamedActions()).toEqual(['log_stream.created']);

    const member = await t.signInAs(await t.createUser({ email: 'member@acme.test' }));
    expect((await call('GET', '/api/security/log-streams', undefined, member)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/security/log-streams/${id}`)).statusCode).toBe(200);
    await call('POST', '/api/groups', { name: 'After removal' });
    expect(await deliver()).toBe(0);
  });

  it('should publish the audit chain’s head when it moved, so a rewritten history cannot match what the SIEM holds', async () => {
    await addDestination();
    await call('POST', '/api/groups', { name: 'Sales' });
    expect(await checkpointRound(t.deps)).toBe(1);
    expect(await checkpointRound(t.deps)).toBe(0);
    await deliver();
    const checkpoint = batches().find((b) => b.kind === 'checkpoint')!;
    const lastEvent = await t.deps.db
      .selectFrom('audit_events')
      .select(['chain_seq', 'hash'])
      .where('organization_id', '=', t.org.organizationId)
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(checkpoint.head).toEqual({ seq: lastEvent.chain_seq, hash: lastEvent.hash, at: t.clock().toISOString() });
    expect((await verifyChain(t.deps.db, t.org.organizationId)).ok).toBe(true);

    await call('POST', '/api/groups', { name: 'Support' });
    expect(await checkpointRound(t.deps)).toBe(1);
  });
});
