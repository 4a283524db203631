import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { MagicLinkRequest, MagicLinkResponse, Me, MyOrganizations, SignInResult, SwitchOrganizationBody, TokenBody } from '../../../contracts/auth.js';
import { ErrorBody, Ok, PageQuery } from '../../../contracts/common.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { requireOrganization } from '../organizations/index.js';
import { setSessionCookie } from './auth.cookies.js';
import { SESSION_COOKIE, signOut } from './auth.service.js';
import { MAGIC_LINK_ANSWER, recordRateLimitedSignIn, requestMagicLink, verifyMagicLink, type Client } from './auth.sign-in.js';
import { listMyOrganizations, switchOrganization } from './auth.switch.js';

const signInLimit = { max: 10, timeWindow: '1 minute' };

const clientOf = (request: FastifyRequest): Client => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: String(request.id) });

export const authRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/auth/magic-link', {
    config: {
      public: true,
      rateLimit: {
        ...signInLimit,
        // After the body is read, so the refused attempt can be audited against the address it was for (once per window).
        hook: 'preHandler',
        onExceeded: (request: FastifyRequest) => {
          const email = (request.body as { email?: unknown } | undefined)?.email;
          if (typeof email === 'string')
            recordRateLimitedSignIn(deps, email, clientOf(request)).catch((err: unknown) => request.log.error({ err }, 'rate-limited sign-in not audited'));
        },
      },
    },
    schema: {
      operationId: 'requestMagicLink',
      tags: ['Sign-in'],
      summary: 'Email a single-use sign-in link (same answer whether or not the address exists)',
      body: MagicLinkRequest,
      response: { 202: MagicLinkResponse, 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      await requestMagicLink(deps, request.body.email, clientOf(request));
      app.mailWorker?.kick();
      return reply.status(202).send({ message: MAGIC_LINK_ANSWER });
    },
  });

  app.post('/api/auth/magic-link/verify', {
    config: { public: true, rateLimit: signInLimit },
    schema: {
      operationId: 'verifyMagicLink',
      tags: ['Sign-in'],
      summary: 'Exchange a magic-link token for a session cookie',
      body: TokenBody,
      response: { 200: SignInResult, 400: ErrorBody, 403: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const session = await verifyMagicLink(deps, request.body.token, clientOf(request));
      setSessionCookie(reply, deps, session);
      return { redirectTo: '/', firstSignIn: false };
    },
  });

  app.post('/api/auth/sign-out', {
    config: { permission: 'authenticated', allowDuringPasskeySetup: true },
    schema: { operationId: 'signOut', tags: ['Sign-in'], summary: 'End this session', response: { 200: Ok, 401: ErrorBody } },
    handler: async (request, reply) => {
      await signOut(contextOf(request, deps));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/auth/me', {
    config: { permission: 'authenticated', allowDuringPasskeySetup: true },
    schema: { operationId: 'getMe', tags: ['Sign-in'], summary: 'The signed-in user, organization and permissions', response: { 200: Me, 401: ErrorBody } },
    handler: async (request) => {
      const ctx = contextOf(request, deps);
      const org = await requireOrganization(deps.db, ctx.organizationId);
      return {
        user: { id: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name, roleId: ctx.actor.roleId, roleName: ctx.actor.roleName },
        organization: {
          id: org.id,
          name: org.name,
          businessReasonRequired: org.business_reason_required === 1,
          invitationExpiryDays: org.invitation_expiry_days,
        },
        permissions: [...ctx.actor.permissions],
        localMailbox: deps.mailTransport === null,
        passkeyGate: ctx.actor.passkey?.gate ?? null,
        passkeyCount: ctx.actor.passkey?.count ?? 0,
      };
    },
  });

  await app.register(switcherRoutes, { deps });
};

/** The organization switcher: where the signed-in address has accounts, and moving to one of them. */
const switcherRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // Both stay reachable while this organization still asks for a passkey: the other organization's
  // own policy applies to the session the switch opens there.
  app.get('/api/auth/organizations', {
    config: { permission: 'authenticated', allowDuringPasskeySetup: true },
    schema: {
      operationId: 'listMyOrganizations',
      tags: ['Sign-in'],
      summary: 'The organizations where the signed-in address has an active account, by name (the organization switcher; keyset pages)',
      querystring: PageQuery,
      response: { 200: MyOrganizations, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => listMyOrganizations(contextOf(request, deps), request.query),
  });

  app.post('/api/auth/switch-organization', {
    config: { permission: 'authenticated', allowDuringPasskeySetup: true },
    schema: {
      operationId: 'switchOrganization',
      tags: ['Sign-in'],
      summary: 'Sign in to the same address’s account in another organization; this session ends (audited as a sign-in)',
      body: SwitchOrganizationBody,
      response: { 200: SignInResult, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const session = await switchOrganization(contextOf(request, deps), request.body.organizationId);
      setSessionCookie(reply, deps, session);
      return { redirectTo: '/', firstSignIn: false };
    },
  });
};
