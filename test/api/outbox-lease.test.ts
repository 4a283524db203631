import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverDueWebhooks, enqueueWebhookEvents } from '../../src/server/features/ownership/ownership.webhooks.js';
import { deliverDueMail, enqueueMail } from '../../src/server/platform/mail/mail.service.js';
import { OUTBOX_LEASE_MS } from '../../src/server/platform/outbox-lease.js';
import { httpReceiver, smtpReceiver } from '../helpers/receivers.js';
import { buildTestApp, usePostgres, type TestApp } from '../helpers/test-app.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function app(config: Parameters<typeof buildTestApp>[0] = {}): Promise<TestApp> {
  const t = await buildTestApp(config);
  cleanups.push(() => t.close());
  return t;
}

/** A promise and the function that settles it: the test waits on events, not on time. */
function signal<T = void>() {
  let fire!: (value: T) => void;
  const fired = new Promise<T>((resolve) => (fire = resolve));
  return { fired, fire };
}

describe(`outbox leases (${usePostgres ? 'postgres' : 'sqlite'})`, () => {
  it('should keep the webhook result of the process that took over an expired lease, not the late answer of the process that lost it', async () => {
    let answerFirst: ((status: number) => void) | null = null;
    const firstArrived = signal();
    const receiver = await httpReceiver((_, answer) => {
      if (answerFirst) return answer(204);
      answerFirst = answer; // held until the test lets it fail
      firstArrived.fire();
    });
    cleanups.push(() => receiver.close());
    const t = await app({ config: { webhookAllowPrivate: true } });
    const now = t.clock().toISOString();
    await t.deps.db
      .insertInto('webhook_endpoints')
      .values({
        id: t.deps.newId(),
        organization_id: t.org.organizationId,
        url: receiver.url,
        description: '',
        secret: 'whsec_lease',
        created_by: t.org.adminUserId,
        created_at: now,
        disabled_at: null,
      })
      .execute();
    await t.deps.db.transaction().execute((trx) => enqueueWebhookEvents(trx, t.deps, t.org.organizationId, 'content.removed', [{ externalId: 'doc-1' }]));

    const slow = deliverDueWebhooks(t.deps, t.app.log);
    await firstArrived.fired;
    t.clock.advance(OUTBOX_LEASE_MS + 1000);
    expect(await deliverDueWebhooks(t.deps, t.app.log)).toBe(1);
    answerFirst!(500);
    expect(await slow).toBe(0);

    const deliveries = await t.app.inject({ method: 'GET', url: '/api/webhooks/deliveries', headers: { cookie: t.adminCookie } });
    expect(deliveries.json().items).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2, lastStatusCode: 204, lastError: null })]);
    expect(receiver.received).toHaveLength(2); // at least once: receivers deduplicate by x-sofie-delivery
    expect(new Set(receiver.received.map((r) => r.headers['x-sofie-delivery'])).size).toBe(1);
  });

  it('should keep the mail result of the process that took over an expired lease, not the late refusal seen by the process that lost it', async () => {
    const accepted: string[] = [];
    let refuseFirst: ((error: Error) => void) | null = null;
    const firstArrived = signal();
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          if (refuseFirst) {
            accepted.push(session.envelope.rcptTo[0].address);
            return callback();
          }
          refuseFirst = callback; // held until the test lets it fail
          firstArrived.fire();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const t = await app({ config: { smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}` } });
    await enqueueMail(t.deps.db, t.deps, { organizationId: t.org.organizationId, to: 'ada@acme.test', subject: 'Welcome', text: 'Hello' });

    const slow = deliverDueMail(t.deps, t.app.log);
    await firstArrived.fired;
    t.clock.advance(OUTBOX_LEASE_MS + 1000);
    expect(await deliverDueMail(t.deps, t.app.log)).toBe(1);
    refuseFirst!(new Error('451 try again later'));
    expect(await slow).toBe(0);

    expect(accepted).toEqual(['ada@acme.test']);
    const row = await t.deps.db.selectFrom('mail_outbox').select(['status', 'attempts', 'last_error', 'claimed_at']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 2, last_error: null, claimed_at: null });
    // Nothing left to retry: the lost claimant's refusal did not put it back in the queue.
    t.clock.advance(24 * 60 * 60_000);
    expect(await deliverDueMail(t.deps, t.app.log)).toBe(0);
    expect(accepted).toHaveLength(1);
  });

  it('should give up, without sending again, on a message whose last allowed attempt was interrupted by a crash', async () => {
    const smtp = await smtpReceiver();
    cleanups.push(() => smtp.close());
    const t = await app({ config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}` } });
    const id = await enqueueMail(t.deps.db, t.deps, { organizationId: t.org.organizationId, to: 'ada@acme.test', subject: 'Welcome', text: 'Hello' });
    // As a tenth attempt (the last of ten) leaves it when its process is killed mid-send.
    await t.deps.db.updateTable('mail_outbox').set({ status: 'sending', attempts: 10, claimed_at: t.clock().toISOString() }).where('id', '=', id).execute();

    t.clock.advance(OUTBOX_LEASE_MS + 1000);
    expect(await deliverDueMail(t.deps, t.app.log)).toBe(0);
    expect(smtp.received).toEqual([]);
    const row = await t.deps.db.selectFrom('mail_outbox').select(['status', 'last_error']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: 'gave up after 10 attempts (the last one was interrupted)' });
  });
});
