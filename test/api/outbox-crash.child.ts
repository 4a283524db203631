/**
 * A real app process for the outbox crash test: opens the given database, starts a receiver on
 * 127.0.0.1 that takes the whole message and never answers (an SMTP server that never acknowledges
 * the data, or an HTTP server that never responds), and runs one delivery round of the given outbox
 * against it. It prints "IN FLIGHT" once the receiver holds the message: the send is then waiting
 * for an answer, and the test kills this process.
 */
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { deliverDueWebhooks } from '../../src/server/features/ownership/ownership.webhooks.js';
import { deliverDueMail } from '../../src/server/platform/mail/mail.service.js';

const env = process.env;
const outbox = env.CRASH_OUTBOX as 'mail' | 'webhook';
const port = Number(env.CRASH_RECEIVER_PORT);
const inFlight = () => process.stdout.write('IN FLIGHT\n');

if (outbox === 'mail') {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream) {
      stream.on('end', inFlight);
      stream.resume(); // and never call back: the client waits for "250 OK"
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
} else {
  const http = createServer((req) => {
    req.on('end', inFlight);
    req.resume(); // and never respond
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
}

const config = loadConfig(
  {},
  {
    databaseUrl: env.CRASH_DATABASE_URL!,
    publicUrl: 'http://127.0.0.1:3000',
    logLevel: 'silent',
    smtpUrl: outbox === 'mail' ? `smtp://127.0.0.1:${port}` : null,
    webhookAllowPrivate: true,
  },
);
const now = new Date(env.CRASH_NOW!);
const { deps } = await openDeps(config, { ...(env.CRASH_SCHEMA ? { schema: env.CRASH_SCHEMA } : {}), clock: () => now });
const app = await buildApp(deps, { logger: false, startWorkers: false });

process.stdout.write('STARTING\n');
await (outbox === 'mail' ? deliverDueMail : deliverDueWebhooks)(deps, app.log);
process.stdout.write('ROUND FINISHED\n');
process.exit(0);
