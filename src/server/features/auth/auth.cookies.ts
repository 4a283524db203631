import type { FastifyReply } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { SESSION_COOKIE, type NewSession } from './auth.service.js';

/** Hands the new session to the browser: HTTP-only, same-site strict, as long-lived as the session. */
export function setSessionCookie(reply: FastifyReply, deps: Deps, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.publicUrl.startsWith('https://'),
    maxAge: deps.config.sessionAbsoluteHours * 3600,
  });
}
