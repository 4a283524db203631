// Single sign-on: the console's configuration (Organization settings → "Single sign-on"), the
// email-first routing of the sign-in page, and the OIDC start and callback.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody, IdParams, Ok, Redirect } from '../../../contracts/common.js';
import {
  AddSsoDomainBody,
  CreateSsoConnectionBody,
  RouteSsoDomainBody,
  SignInRoute,
  SignInRouteBody,
  SsoConnection,
  SsoDomain,
  SsoOverview,
  SsoSettings,
  SsoSettingsBody,
  UpdateSsoConnectionBody,
} from '../../../contracts/sso.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { setSessionCookie } from '../auth/index.js';
import { createConnection, deleteConnection, requireConnection, updateConnection } from './sso.connections.js';
import { addDomain, removeDomain, routeDomain, verifyDomain } from './sso.domains.js';
import { connectionForEmail, STATE_COOKIE, STATE_MINUTES, startFlow, type Started } from './sso.flow.js';
import { OidcDirectory } from './sso.oidc.js';
import { getOverview, setSsoSettings } from './sso.settings.js';
import { redirectToSamlIdp, samlRoutes } from './sso.saml.routes.js';
import { startSamlFlow } from './sso.saml.flow.js';
import { ssoMappingRoutes } from './sso.mapping-routes.js';
import { completeCallback } from './sso.sign-in.js';
import { signInRoute } from './sso.discover.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const signInLimit = { max: 20, timeWindow: '1 minute' };
const manage = { permission: 'organization.manage_settings' as const, stepUp: true };

function redirectToIdp(reply: FastifyReply, deps: Deps, started: Started) {
  // Lax: the identity provider sends the browser back with a top-level GET from its own site.
  reply.setCookie(STATE_COOKIE, started.state, {
    path: '/api/sso/oidc/callback',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https://'),
    maxAge: STATE_MINUTES * 60,
  });
  return reply.redirect(started.url, 302);
}

export const ssoRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const oidc = new OidcDirectory(deps);

  app.get('/api/sso', {
    config: { permission: 'organization.view_settings' },
    schema: {
      operationId: 'getSso',
      tags: ['Single sign-on'],
      summary: 'Connections, verified domains and the magic-link setting',
      response: { 200: SsoOverview, ...errors },
    },
    handler: async (request) => getOverview(contextOf(request, deps)),
  });
  app.post('/api/sso/connections', {
    config: manage,
    schema: {
      operationId: 'createSsoConnection',
      tags: ['Single sign-on'],
      summary: 'Add an OIDC connection (discovery is checked now; the client secret is never returned)',
      body: CreateSsoConnectionBody,
      response: { 201: SsoConnection, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createConnection(contextOf(request, deps), oidc, request.body)),
  });
  app.patch('/api/sso/connections/:id', {
    config: manage,
    schema: {
      operationId: 'updateSsoConnection',
      tags: ['Single sign-on'],
      summary: 'Change a connection',
      params: IdParams,
      body: UpdateSsoConnectionBody,
      response: { 200: SsoConnection, ...errors },
    },
    handler: async (request) => updateConnection(contextOf(request, deps), request.params.id, request.body),
  });
  app.delete('/api/sso/connections/:id', {
    config: manage,
    schema: {
      operationId: 'deleteSsoConnection',
      tags: ['Single sign-on'],
      summary: 'Remove a connection',
      params: IdParams,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await deleteConnection(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/sso/connections/:id/test', {
    config: { permission: 'organization.manage_settings' },
    schema: {
      operationId: 'testSsoConnection',
      tags: ['Single sign-on'],
      summary: 'Test connection: redirects to the identity provider (open it in a popup)',
      params: IdParams,
      response: { 302: Redirect('To the identity provider, to sign in there as a test.'), ...errors },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps);
      const row = await requireConnection(deps.db, ctx.organizationId, request.params.id);
      if (row.kind === 'saml') return redirectToSamlIdp(reply, deps, await startSamlFlow(deps, row, { purpose: 'test', initiatedBy: ctx.actor.userId }));
      return redirectToIdp(reply, deps, await startFlow(deps, oidc, row, { purpose: 'test', initiatedBy: ctx.actor.userId, loginHint: null }));
    },
  });
  await app.register(domainRoutes, { deps });
  await app.register(samlRoutes, { deps });
  await app.register(signInRoutes, { deps, oidc });
  await app.register(ssoMappingRoutes, { deps });
};

const domainRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/sso/domains', {
    config: manage,
    schema: {
      operationId: 'claimSsoDomain',
      tags: ['Single sign-on'],
      summary: 'Claim a domain; publish the TXT record it returns, then verify',
      body: AddSsoDomainBody,
      response: { 201: SsoDomain, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await addDomain(contextOf(request, deps), request.body)),
  });
  app.post('/api/sso/domains/:id/verify', {
    config: { permission: 'organization.manage_settings' },
    schema: {
      operationId: 'verifySsoDomain',
      tags: ['Single sign-on'],
      summary: 'Look up the TXT record and verify the domain',
      params: IdParams,
      response: { 200: SsoDomain, ...errors },
    },
    handler: async (request) => verifyDomain(contextOf(request, deps), request.params.id),
  });
  app.put('/api/sso/domains/:id/connection', {
    config: manage,
    schema: {
      operationId: 'routeSsoDomain',
      tags: ['Single sign-on'],
      summary: 'Choose the connection that signs in this domain',
      params: IdParams,
      body: RouteSsoDomainBody,
      response: { 200: SsoDomain, ...errors },
    },
    handler: async (request) => routeDomain(contextOf(request, deps), request.params.id, request.body.connectionId),
  });
  app.delete('/api/sso/domains/:id', {
    config: manage,
    schema: { operationId: 'deleteSsoDomain', tags: ['Single sign-on'], summary: 'Give up a domain', params: IdParams, response: { 200: Ok, ...errors } },
    handler: async (request) => {
      await removeDomain(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });
  app.put('/api/sso/settings', {
    config: manage,
    schema: {
      operationId: 'updateSsoSettings',
      tags: ['Single sign-on'],
      summary: '"Disable magic links when SSO is enabled" and the break-glass administrators',
      body: SsoSettingsBody,
      response: { 200: SsoSettings, ...errors },
    },
    handler: async (request) => setSsoSettings(contextOf(request, deps), request.body),
  });
};

const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 200 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  error_uri: Type.Optional(Type.String({ maxLength: 2000 })),
  iss: Type.Optional(Type.String({ maxLength: 500 })),
  session_state: Type.Optional(Type.String({ maxLength: 500 })),
});

const signInRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; oidc: OidcDirectory }> = async (app, { deps, oidc }) => {
  app.post('/api/sso/sign-in-route', {
    config: { public: true, rateLimit: signInLimit },
    schema: {
      operationId: 'getSignInRoute',
      tags: ['Sign-in'],
      summary: 'Email first: does this address sign in through SSO, or by email link / passkey?',
      body: SignInRouteBody,
      response: { 200: SignInRoute, 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (request) => signInRoute(deps, request.body.email),
  });
  app.get('/api/sso/start', {
    config: { public: true, rateLimit: signInLimit },
    schema: {
      operationId: 'startSsoSignIn',
      tags: ['Sign-in'],
      summary: 'Start an SSO sign-in for this address (redirects to its identity provider)',
      querystring: Type.Object({ email: Type.String({ maxLength: 320 }) }),
      response: { 302: Redirect('To the identity provider, or back to the sign-in page with `sso_error`.'), 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const row = await connectionForEmail(deps, request.query.email);
      if (!row) return reply.redirect('/sign-in?sso_error=NO_SSO_FOR_DOMAIN', 302);
      try {
        if (row.kind === 'saml') return redirectToSamlIdp(reply, deps, await startSamlFlow(deps, row, { purpose: 'sign_in', initiatedBy: null }));
        return redirectToIdp(reply, deps, await startFlow(deps, oidc, row, { purpose: 'sign_in', initiatedBy: null, loginHint: request.query.email.trim() }));
      } catch (error) {
        if (error instanceof AppError) return reply.redirect(`/sign-in?sso_error=${error.code}`, 302);
        throw error;
      }
    },
  });
  app.get('/api/sso/oidc/callback', {
    config: { public: true, rateLimit: signInLimit },
    schema: {
      operationId: 'finishOidcSignIn',
      tags: ['Sign-in'],
      summary: 'Where the identity provider sends the browser back: signs in, or records a connection test',
      querystring: CallbackQuery,
      response: {
        302: Redirect('Signed in: to the console; a test: to its result page; a failure: to the sign-in page with `sso_error`.'),
        400: ErrorBody,
        429: ErrorBody,
      },
    },
    handler: async (request, reply) => {
      reply.clearCookie(STATE_COOKIE, { path: '/api/sso/oidc/callback' });
      const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
      try {
        const outcome = await completeCallback(deps, oidc, request.query, request.cookies[STATE_COOKIE], client);
        if (outcome.kind === 'test') return reply.redirect(`/sso/test-done?connection=${outcome.connectionId}&ok=${outcome.ok ? 1 : 0}`, 302);
        setSessionCookie(reply, deps, outcome.session);
        return reply.redirect('/', 302);
      } catch (error) {
        if (error instanceof AppError) {
          request.log.info({ code: error.code, details: error.details }, 'SSO sign-in refused');
          return reply.redirect(`/sign-in?sso_error=${error.code}`, 302);
        }
        throw error;
      }
    },
  });
};
