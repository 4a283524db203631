import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { verifyWebhookSignature } from '../../src/server/platform/signed-delivery.js';
import { deliverDueWebhooks, enqueueWebhookEvents } from '../../src/server/features/ownership/ownership.webhooks.js';
import { createOrganization } from '../../src/server/features/organizations/organizations.bootstrap.js';
import { deliverDueMail, enqueueMail } from '../../src/server/platform/mail/mail.service.js';
import { OUTBOX_LEASE_MS } from '../../src/server/platform/outbox-lease.js';
import { freePort } from '../helpers/app-process.js';
import { runChild } from '../helpers/crash-child.js';
import { testSchemaName } from '../helpers/pg-schemas.js';
import { httpReceiver, smtpReceiver } from '../helpers/receivers.js';
import { testClock, usePostgres } from '../helpers/test-app.js';

const T0 = new Date('2026-11-29T09:00:00.000Z');
const SECRET = 'whsec_crash';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh database with one organization, on SQLite (a file) or PostgreSQL (a schema). */
async function prepare() {
  let databaseUrl: string;
  let schema: string | undefined;
  if (usePostgres) {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    schema = testSchemaName('outbox');
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sofie-outbox-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    databaseUrl = `sqlite:${join(dir, 'outbox.db')}`;
  }
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent', webhookAllowPrivate: true });
  const opened = await openDeps(config, { schema, clock: () => T0 });
  const org = await opened.deps.db.transaction().execute((trx) => createOrganization(trx, opened.deps, { name: 'Acme Corp', adminEmail: 'admin@acme.test' }));
  return { config, schema, opened, organizationId: org.organizationId, adminUserId: org.adminUserId };
}

/** The app as it restarts after the crash, in this process, with a clock the test moves. */
async function restart(config: Config, schema: string | undefined) {
  const clock = testClock(T0);
  const opened = await openDeps(config, { schema, clock });
  const app = await buildApp(opened.deps, { logger: false, startWorkers: false });
  cleanups.push(async () => {
    await app.close();
    await opened.close();
  });
  return { deps: opened.deps, log: app.log, clock };
}

function crash(outbox: 'mail' | 'webhook', port: number, env: { config: Config; schema?: string }) {
  return runChild(
    'outbox-crash.child',
    {
      CRASH_OUTBOX: outbox,
      CRASH_RECEIVER_PORT: String(port),
      CRASH_DATABASE_URL: env.config.databaseUrl,
      CRASH_SCHEMA: env.schema ?? '',
      CRASH_NOW: T0.toISOString(),
    },
    { on: 'IN FLIGHT' },
  );
}

const justBeforeExpiry = new Date(T0.getTime() + OUTBOX_LEASE_MS - 1000);
const justAfterExpiry = new Date(T0.getTime() + OUTBOX_LEASE_MS + 1000);

describe(`outboxes survive a process killed mid-send (${usePostgres ? 'postgres' : 'sqlite'})`, () => {
  it('should send a message whose sender was killed mid-SMTP-conversation again, exactly once, after its lease expires and not before', async () => {
    const env = await prepare();
    await enqueueMail(env.opened.deps.db, env.opened.deps, {
      organizationId: env.organizationId,
      to: 'ada@acme.test',
      subject: 'Your invitation to Acme Corp',
      text: 'Welcome aboard.',
    });
    await env.opened.close();

    const run = await crash('mail', await freePort(), env);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('ROUND FINISHED');

    const smtp = await smtpReceiver();
    cleanups.push(() => smtp.close());
    const app = await restart(loadConfig({}, { ...env.config, smtpUrl: `smtp://127.0.0.1:${smtp.port}` }), env.schema);
    const row = () => app.deps.db.selectFrom('mail_outbox').select(['status', 'attempts', 'claimed_at']).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'sending' });

    // The claim is still the dead process's: another process leaves it alone.
    app.clock.set(justBeforeExpiry);
    expect(await deliverDueMail(app.deps, app.log)).toBe(0);
    expect(smtp.received).toEqual([]);

    app.clock.set(justAfterExpiry);
    expect(await deliverDueMail(app.deps, app.log)).toBe(1);
    app.clock.advance(60 * 60_000);
    expect(await deliverDueMail(app.deps, app.log)).toBe(0);
    expect(smtp.received.map((m) => m.to)).toEqual([['ada@acme.test']]);
    expect(smtp.received[0].raw).toContain('Subject: Your invitation to Acme Corp');
    expect(await row()).toEqual({ status: 'sent', attempts: 2, claimed_at: null });
  }, 60_000);

  it('should send a webhook event whose sender was killed mid-request again, exactly once, after its lease expires and not before', async () => {
    const env = await prepare();
    const port = await freePort();
    const { deps } = env.opened;
    await deps.db
      .insertInto('webhook_endpoints')
      .values({
        id: deps.newId(),
        organization_id: env.organizationId,
        url: `http://127.0.0.1:${port}/hooks`,
        description: 'Content service',
        secret: SECRET,
        created_by: env.adminUserId,
        created_at: T0.toISOString(),
        disabled_at: null,
      })
      .execute();
    await deps.db
      .transaction()
      .execute((trx) =>
        enqueueWebhookEvents(trx, deps, env.organizationId, 'content.ownership_changed', [
          { externalId: 'doc-1', fromOwnerUserId: null, toOwnerUserId: env.adminUserId },
        ]),
      );
    await env.opened.close();

    const run = await crash('webhook', port, env);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('ROUND FINISHED');

    // The receiver is back on the same address, answering this time.
    const receiver = await httpReceiver(undefined, port);
    cleanups.push(() => receiver.close());
    const app = await restart(env.config, env.schema);
    const row = () => app.deps.db.selectFrom('webhook_outbox').select(['status', 'attempts', 'claimed_at', 'last_status_code']).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'sending', claimed_at: T0.toISOString() });

    app.clock.set(justBeforeExpiry);
    expect(await deliverDueWebhooks(app.deps, app.log)).toBe(0);
    expect(receiver.received).toEqual([]);

    app.clock.set(justAfterExpiry);
    expect(await deliverDueWebhooks(app.deps, app.log)).toBe(1);
    app.clock.advance(60 * 60_000);
    expect(await deliverDueWebhooks(app.deps, app.log)).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(verifyWebhookSignature(SECRET, delivery.body, delivery.headers, justAfterExpiry.getTime())).toBe(true);
    expect(JSON.parse(delivery.body).data.changes).toEqual([{ externalId: 'doc-1', fromOwnerUserId: null, toOwnerUserId: env.adminUserId }]);
    expect(await row()).toEqual({ status: 'delivered', attempts: 2, claimed_at: null, last_status_code: 204 });
  }, 60_000);
});
