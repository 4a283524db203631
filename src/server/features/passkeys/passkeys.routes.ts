import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SignInResult } from '../../../contracts/auth.js';
import { ErrorBody, IdParams, Ok, PageQuery, ReasonBody } from '../../../contracts/common.js';
import {
  AccountSecurity,
  AddPasskeyBody,
  OwnSessionList,
  Passkey,
  PasskeyVerified,
  RenamePasskeyBody,
  RevokedSessions,
  VerifyPasskeyBody,
  WebAuthnAuthenticationStart,
  WebAuthnRegistrationStart,
} from '../../../contracts/passkeys.js';
import { Type } from 'typebox';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { SESSION_COOKIE, setSessionCookie } from '../auth/index.js';
import {
  addPasskey,
  getAccountSecurity,
  registrationOptions,
  removeOwnPasskey,
  renameOwnPasskey,
  signInOptions,
  signInWithPasskey,
  verificationOptions,
  verifyPasskeyOnSession,
} from './passkeys.service.js';
import { allowPasskeyRecovery, RECOVERY_HOURS } from './passkeys.recovery.js';
import { pageOwnSessions, revokeOwnOtherSessions, revokeOwnSession } from './passkeys.sessions.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const signInLimit = { max: 30, timeWindow: '1 minute' };
/** Account > Security stays reachable while a passkey still has to be enrolled or verified. */
const account = { permission: 'authenticated' as const, allowDuringPasskeySetup: true };

type App = Parameters<FastifyPluginAsyncTypebox<{ deps: Deps }>>[0];

/** Sign-in ("Continue with passkey"). */
function signInRoutes(app: App, deps: Deps): void {
  app.post('/api/auth/passkey/options', {
    config: { public: true, rateLimit: signInLimit },
    schema: {
      operationId: 'startPasskeySignIn',
      tags: ['Sign-in'],
      summary: 'Start a passkey sign-in (discoverable credentials: no email needed)',
      response: { 200: WebAuthnAuthenticationStart, 429: ErrorBody },
    },
    handler: async () => ({ options: await signInOptions(deps) }),
  });

  app.post('/api/auth/passkey/verify', {
    config: { public: true, rateLimit: signInLimit },
    schema: {
      operationId: 'finishPasskeySignIn',
      tags: ['Sign-in'],
      summary: 'Finish a passkey sign-in and receive a session cookie',
      body: VerifyPasskeyBody,
      response: { 200: SignInResult, 400: ErrorBody, 403: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const session = await signInWithPasskey(deps, request.body.credential, {
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
      });
      setSessionCookie(reply, deps, session);
      return { redirectTo: '/', firstSignIn: false };
    },
  });
}

/** Account > Security: the signed-in person's own passkeys, and proving one on this session. */
function ownPasskeyRoutes(app: App, deps: Deps): void {
  app.get('/api/account/security', {
    config: account,
    schema: {
      operationId: 'getAccountSecurity',
      tags: ['Account'],
      summary: 'Passkey MFA status, registered passkeys and your sessions',
      response: { 200: AccountSecurity, 401: ErrorBody },
    },
    handler: async (request) => getAccountSecurity(contextOf(request, deps)),
  });

  app.post('/api/account/passkeys/registration-options', {
    config: account,
    schema: {
      operationId: 'startPasskeyRegistration',
      tags: ['Account'],
      summary: 'Start adding a passkey',
      response: { 200: WebAuthnRegistrationStart, ...errors },
    },
    handler: async (request) => ({ options: await registrationOptions(contextOf(request, deps)) }),
  });

  app.post('/api/account/passkeys', {
    config: account,
    schema: {
      operationId: 'finishPasskeyRegistration',
      tags: ['Account'],
      summary: 'Finish adding a passkey (audited)',
      body: AddPasskeyBody,
      response: { 201: Passkey, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await addPasskey(contextOf(request, deps), request.body)),
  });

  app.patch('/api/account/passkeys/:id', {
    config: account,
    schema: {
      operationId: 'renamePasskey',
      tags: ['Account'],
      summary: 'Rename a passkey',
      params: IdParams,
      body: RenamePasskeyBody,
      response: { 200: Passkey, ...errors },
    },
    handler: async (request) => renameOwnPasskey(contextOf(request, deps), request.params.id, request.body.name),
  });

  app.delete('/api/account/passkeys/:id', {
    config: account,
    schema: {
      operationId: 'removePasskey',
      tags: ['Account'],
      summary: 'Remove a passkey (refused for the last one when policy requires a passkey)',
      params: IdParams,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await removeOwnPasskey(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });

  app.post('/api/account/passkeys/verification-options', {
    config: account,
    schema: {
      operationId: 'startPasskeyVerification',
      tags: ['Account'],
      summary: 'Start a passkey check on this session (step-up, or after a magic link)',
      response: { 200: WebAuthnAuthenticationStart, ...errors },
    },
    handler: async (request) => ({ options: await verificationOptions(contextOf(request, deps)) }),
  });

  app.post('/api/account/passkeys/verify', {
    config: account,
    schema: {
      operationId: 'finishPasskeyVerification',
      tags: ['Account'],
      summary: 'Finish a passkey check: valid for sensitive actions for 10 minutes',
      body: VerifyPasskeyBody,
      response: { 200: PasskeyVerified, ...errors },
    },
    handler: async (request) => verifyPasskeyOnSession(contextOf(request, deps), request.body.credential),
  });
}

/** Passkey recovery (administrators) and the signed-in person's own sessions. */
function recoveryAndSessionRoutes(app: App, deps: Deps): void {
  app.post('/api/users/:id/passkey-recovery', {
    config: { permission: 'users.manage_sessions', stepUp: true },
    schema: {
      operationId: 'allowPasskeyRecovery',
      tags: ['Users'],
      summary: `Allow a user who lost their passkey to enrol a new one after a magic link (once, within ${RECOVERY_HOURS} hours; audited)`,
      params: IdParams,
      body: ReasonBody,
      response: {
        200: Type.Object({ recoveryUntil: Type.String() }, { description: 'Until when the user may enrol a new passkey after a magic link.' }),
        ...errors,
      },
    },
    handler: async (request) => allowPasskeyRecovery(contextOf(request, deps), request.params.id, request.body.reason),
  });

  app.get('/api/account/sessions', {
    config: account,
    schema: {
      operationId: 'listMySessions',
      tags: ['Account'],
      summary: 'Your active sessions, newest sign-in first (keyset pages)',
      querystring: PageQuery,
      response: { 200: OwnSessionList, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => pageOwnSessions(contextOf(request, deps), request.query),
  });

  app.delete('/api/account/sessions/:id', {
    config: account,
    schema: { operationId: 'revokeMySession', tags: ['Account'], summary: 'Sign out one of your sessions', params: IdParams, response: { 200: Ok, ...errors } },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps);
      await revokeOwnSession(ctx, request.params.id);
      if (request.params.id === ctx.actor.sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.post('/api/account/sessions/revoke-others', {
    config: account,
    schema: {
      operationId: 'revokeMyOtherSessions',
      tags: ['Account'],
      summary: 'Sign out every other session of yours',
      response: { 200: RevokedSessions, 401: ErrorBody },
    },
    handler: async (request) => ({ revoked: await revokeOwnOtherSessions(contextOf(request, deps)) }),
  });
}

export const passkeysRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  signInRoutes(app, deps);
  ownPasskeyRoutes(app, deps);
  recoveryAndSessionRoutes(app, deps);
};
