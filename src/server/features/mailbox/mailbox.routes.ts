import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorBody, PageQuery } from '../../../contracts/common.js';
import { MailMessageList } from '../../../contracts/mailbox.js';
import type { Deps } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { listLocalMail } from '../../platform/mail/mail.service.js';
import { MAILBOX_ERRORS } from './mailbox.errors.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'forwarded', 'x-real-ip'];

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

/**
 * Why this request may not read the mailbox, or null. The peer must be this machine itself: the
 * socket's own address (never X-Forwarded-For, which the client writes), no proxy in between, and a
 * Host this deployment answers to (a page on another name that resolves here, DNS rebinding, is refused).
 */
function refusal(request: FastifyRequest, deps: Deps): string | null {
  if (deps.mailTransport) return 'SMTP is configured: mail goes out, nothing is kept locally';
  if (!isLoopback(request.socket.remoteAddress)) return 'the request did not come from this machine';
  if (FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return 'the request came through a proxy';
  const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const ownName = new URL(deps.config.publicUrl).hostname.toLowerCase();
  if (host !== ownName && !LOOPBACK_NAMES.has(host)) return `this server does not answer to "${host}"`;
  return null;
}

/**
 * The local mailbox: a mail catcher for the embedded default. It exists only while no SMTP server is
 * configured, and answers only to this machine: it holds everyone's sign-in links.
 */
export const mailboxRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/mailbox', {
    config: { public: true },
    schema: {
      operationId: 'listMailbox',
      tags: ['Mailbox'],
      summary: 'Messages in the local outbox, newest first (only without SMTP, only from this machine; keyset pages)',
      querystring: PageQuery,
      response: { 200: MailMessageList, 400: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const why = refusal(request, deps);
      if (why) {
        throw fail(MAILBOX_ERRORS, 'MAILBOX_DISABLED', { reason: why });
      }
      const limit = limitOf(request.query);
      const rows = await listLocalMail(deps.db, decodeKeysetCursor(request.query.cursor), limit + 1);
      return keysetPage(
        rows,
        limit,
        (r) => ({ key: r.created_at, id: r.id }),
        (r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, status: r.status, createdAt: r.created_at }),
      );
    },
  });
};
