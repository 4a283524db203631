import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../../contracts/common.js';
import { MailMessageList } from '../../../contracts/mailbox.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listLocalMail } from '../../platform/mail/mail.service.js';

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1' || ip.startsWith('127.');
}

/**
 * The local mailbox: a mail catcher for the embedded default. It exists only while no SMTP server is
 * configured, and answers only to this machine: it holds everyone's sign-in links.
 */
export const mailboxRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/mailbox', {
    config: { public: true },
    schema: { tags: ['Mailbox'], summary: 'Messages in the local outbox (only without SMTP, only from this machine)', response: { 200: MailMessageList, 404: ErrorBody } },
    handler: async (request) => {
      if (deps.mailTransport || !isLoopback(request.ip)) {
        throw new AppError('MAILBOX_DISABLED', 404, 'The local mailbox exists only when no SMTP server is configured, and only on this machine.');
      }
      const rows = await listLocalMail(deps.db, 100);
      return { items: rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, status: r.status, createdAt: r.created_at })) };
    },
  });
};
