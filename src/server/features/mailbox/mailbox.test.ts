import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, linkIn, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp | undefined;
let smtp: SMTPServer | undefined;
afterEach(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  smtp = undefined;
});

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on 127.0.0.1 that can be told to refuse mail for a while. */
async function startSmtp(): Promise<{ port: number; received: Received[]; refuse: (on: boolean) => void }> {
  const received: Received[] = [];
  let refusing = false;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk) => (raw += chunk));
      stream.on('end', () => {
        if (refusing) return callback(new Error('451 try again later'));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  return { port, received, refuse: (on) => (refusing = on) };
}

describe('mail', () => {
  it('should keep mail in the local mailbox without SMTP and show it only to this machine', async () => {
    t = await buildTestApp();
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } });
    await t.deliverMail();
    const local = await t.app.inject({ method: 'GET', url: '/api/mailbox' });
    expect(local.json().items[0]).toMatchObject({ to: 'admin@acme.test', status: 'local' });
    const remote = await t.app.inject({ method: 'GET', url: '/api/mailbox', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(404);
  });

  it('should deliver an invitation through a real SMTP server, and the link in it signs the person in', async () => {
    const server = await startSmtp();
    t = await buildTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${server.port}` } });
    expect((await t.app.inject({ method: 'GET', url: '/api/mailbox' })).statusCode).toBe(404);
    await t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie: t.adminCookie }, payload: { entries: [{ email: 'smtp@acme.test' }] } });
    expect(await t.deliverMail()).toBe(1);
    expect(server.received).toHaveLength(1);
    expect(server.received[0].to).toEqual(['smtp@acme.test']);
    const body = server.received[0].raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const { token } = linkIn(body, '/invitations/accept');
    const accepted = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
    expect(accepted.statusCode).toBe(200);
  });

  it('should keep mail and retry when the mail server refuses it', async () => {
    const server = await startSmtp();
    t = await buildTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${server.port}` } });
    server.refuse(true);
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'admin@acme.test' } });
    expect(await t.deliverMail()).toBe(0);
    const row = await t.deps.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    server.refuse(false);
    expect(await t.deliverMail()).toBe(0); // not due yet: backoff
    t.clock.advance(6_000);
    expect(await t.deliverMail()).toBe(1);
    expect(server.received).toHaveLength(1);
  });
});
