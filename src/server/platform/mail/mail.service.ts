import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps } from '../deps.js';
import { deliverDue } from '../outbox-lease.js';

export interface MailToSend {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const MAX_ATTEMPTS = 10;

/**
 * Puts a message in the outbox inside the caller's transaction: a rolled-back change sends no mail,
 * and a mail server that is down delays mail instead of losing it.
 */
export async function enqueueMail(trx: DbOrTrx, deps: Deps, mail: MailToSend): Promise<string> {
  const id = deps.newId();
  const now = nowIso(deps);
  await trx
    .insertInto('mail_outbox')
    .values({
      id,
      organization_id: mail.organizationId,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      claimed_at: null,
      created_at: now,
    })
    .execute();
  return id;
}

function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** (attempts - 1), 60 * 60_000);
}

/**
 * Delivers what is due, with the outbox lease (platform/outbox-lease.ts): several app processes can
 * run this side by side without sending a message twice, and a message whose sender died mid-send
 * is sent again once its lease expires.
 */
export function deliverDueMail(deps: Deps, logger: FastifyBaseLogger, batch = 20): Promise<number> {
  return deliverDue(
    deps,
    logger,
    {
      table: 'mail_outbox',
      maxAttempts: MAX_ATTEMPTS,
      backoffMs,
      async send({ id }) {
        const row = await deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        if (!deps.mailTransport) {
          logger.info({ to: row.to_address, subject: row.subject }, `mail kept in the local outbox (no SMTP_URL)\n${row.text_body}`);
          return { ok: true, status: 'local', columns: { sent_at: nowIso(deps) } };
        }
        await deps.mailTransport.send({ from: deps.config.mailFrom, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
        return { ok: true, status: 'sent', columns: { sent_at: nowIso(deps) } };
      },
    },
    batch,
  );
}

/** Messages shown by the local mailbox page, newest first. */
/** Newest first (ids sort by time); `beforeId` is the last message of the previous page. */
export async function listLocalMail(db: DbOrTrx, beforeId: string | null, limit: number) {
  let q = db.selectFrom('mail_outbox').selectAll();
  if (beforeId) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
}
