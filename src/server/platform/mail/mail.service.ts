import type { FastifyBaseLogger } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps } from '../deps.js';

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
      created_at: now,
    })
    .execute();
  return id;
}

function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** (attempts - 1), 60 * 60_000);
}

/**
 * Delivers what is due. Each row is claimed with a compare-and-set on its status so several app
 * processes can run this side by side without sending a message twice.
 */
export async function deliverDueMail(deps: Deps, logger: FastifyBaseLogger, batch = 20): Promise<number> {
  const now = nowIso(deps);
  const due = await deps.db
    .selectFrom('mail_outbox')
    .select(['id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(batch)
    .execute();
  let delivered = 0;
  for (const { id } of due) {
    const claimed = await deps.db
      .updateTable('mail_outbox')
      .set({ status: 'sending' })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const row = await deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (!deps.mailTransport) {
      logger.info({ to: row.to_address, subject: row.subject }, `mail kept in the local outbox (no SMTP_URL)\n${row.text_body}`);
      await deps.db.updateTable('mail_outbox').set({ status: 'local', sent_at: nowIso(deps) }).where('id', '=', id).execute();
      delivered++;
      continue;
    }
    try {
      await deps.mailTransport.send({ from: deps.config.mailFrom, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
      await deps.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: nowIso(deps), attempts: row.attempts + 1, last_error: null }).where('id', '=', id).execute();
      delivered++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      logger.warn({ to: row.to_address, attempts, err: (error as Error).message }, failed ? 'mail delivery failed for good' : 'mail delivery failed; will retry');
      await deps.db
        .updateTable('mail_outbox')
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          last_error: (error as Error).message.slice(0, 500),
          next_attempt_at: new Date(deps.clock().getTime() + backoffMs(attempts)).toISOString(),
        })
        .where('id', '=', id)
        .execute();
    }
  }
  return delivered;
}

/** Messages shown by the local mailbox page, newest first. */
export async function listLocalMail(db: DbOrTrx, limit = 100) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
