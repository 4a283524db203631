// SAML 2.0 connections: their configuration (created from the identity provider's metadata), the
// SP metadata we publish per connection, and the Assertion Consumer Service the identity provider
// posts its response to (a cross-site form POST by design).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { generateServiceProviderMetadata } from '@node-saml/node-saml';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody, IdParams, Redirect } from '../../../contracts/common.js';
import { CreateSamlConnectionBody, UpdateSamlConnectionBody } from '../../../contracts/sso-saml.js';
import { SsoConnection } from '../../../contracts/sso.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, fail } from '../../platform/errors.js';
import { setSessionCookie } from '../auth/index.js';
import { SSO_ERRORS } from './sso.errors.js';
import type { Started } from './sso.flow.js';
import { STATE_MINUTES } from './sso.flow.js';
import { createSamlConnection, updateSamlConnection } from './sso.saml.connections.js';
import { acsUrl, findConnectionAnywhere, spEntityId } from './sso.saml.details.js';
import { SAML_COOKIE_PATH, SAML_STATE_COOKIE } from './sso.saml.flow.js';
import { completeSaml } from './sso.saml.sign-in.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const manage = { permission: 'organization.manage_settings' as const, stepUp: true };
const signInLimit = { max: 20, timeWindow: '1 minute' };

/**
 * To the identity provider with the AuthnRequest. The identity provider answers with a cross-site
 * POST, which a SameSite=Lax cookie does not follow: on https the state cookie is SameSite=None
 * (still httpOnly and Secure, scoped to the SAML paths). On plain http (development, tests on one
 * host) it stays Lax.
 */
export function redirectToSamlIdp(reply: FastifyReply, deps: Deps, started: Started) {
  const secure = deps.config.publicUrl.startsWith('https://');
  reply.setCookie(SAML_STATE_COOKIE, started.state, {
    path: SAML_COOKIE_PATH,
    httpOnly: true,
    sameSite: secure ? 'none' : 'lax',
    secure,
    maxAge: STATE_MINUTES * 60,
  });
  return reply.redirect(started.url, 302);
}

const AcsBody = Type.Object({
  SAMLResponse: Type.Optional(Type.String({ maxLength: 2_000_000 })),
  RelayState: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** The administrators' SAML routes (create and change a connection) and the identity provider's (metadata, ACS). */
export const samlRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(samlAdminRoutes, { deps });
  await app.register(samlIdentityProviderRoutes, { deps });
};

const samlAdminRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/sso/saml-connections', {
    config: manage,
    schema: {
      operationId: 'createSamlConnection',
      tags: ['Single sign-on'],
      summary: "Add a SAML 2.0 connection from the identity provider's metadata (XML or URL)",
      body: CreateSamlConnectionBody,
      response: { 201: SsoConnection, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createSamlConnection(contextOf(request, deps), request.body)),
  });
  app.patch('/api/sso/saml-connections/:id', {
    config: manage,
    schema: {
      operationId: 'updateSamlConnection',
      tags: ['Single sign-on'],
      summary: 'Change a SAML connection: new metadata, signing certificates (rotation), IdP-initiated sign-in',
      params: IdParams,
      body: UpdateSamlConnectionBody,
      response: { 200: SsoConnection, ...errors },
    },
    handler: async (request) => updateSamlConnection(contextOf(request, deps), request.params.id, request.body),
  });
};

const samlIdentityProviderRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // Only this plugin reads HTML forms: the identity provider's page posts the response as one.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2_500_000 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.get('/api/sso/saml/:id/metadata', {
    config: { public: true },
    schema: {
      operationId: 'getSamlServiceProviderMetadata',
      tags: ['Sign-in'],
      summary: "This connection's SAML service provider metadata, for the identity provider",
      params: IdParams,
      response: { 200: Type.Any({ description: 'The service provider metadata XML (entity ID, ACS URL).' }), 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const row = await findConnectionAnywhere(deps.db, request.params.id);
      if (!row || row.kind !== 'saml') throw fail(SSO_ERRORS, 'CONNECTION_NOT_FOUND');
      const xml = generateServiceProviderMetadata({
        issuer: spEntityId(deps, row.id),
        callbackUrl: acsUrl(deps, row.id),
        wantAssertionsSigned: true,
      });
      return reply.type('application/samlmetadata+xml; charset=utf-8').send(xml);
    },
  });
  app.post('/api/sso/saml/:id/acs', {
    config: { public: true, crossSitePost: true, rateLimit: signInLimit },
    schema: {
      operationId: 'samlAssertionConsumerService',
      tags: ['Sign-in'],
      summary: 'Assertion Consumer Service: the identity provider posts its SAML response here; signs in, or records a connection test',
      params: IdParams,
      body: AcsBody,
      response: {
        303: Redirect('Signed in: to the console; a test: to its result page; a refusal: to the sign-in page with `sso_error`.'),
        400: ErrorBody,
        429: ErrorBody,
      },
    },
    handler: async (request, reply) => {
      reply.clearCookie(SAML_STATE_COOKIE, { path: SAML_COOKIE_PATH });
      const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
      const input = {
        connectionId: request.params.id,
        samlResponse: request.body.SAMLResponse,
        relayState: request.body.RelayState,
        cookieState: request.cookies[SAML_STATE_COOKIE],
      };
      try {
        const outcome = await completeSaml(deps, input, client);
        if (outcome.kind === 'test') return reply.redirect(`/sso/test-done?connection=${outcome.connectionId}&ok=${outcome.ok ? 1 : 0}`, 303);
        setSessionCookie(reply, deps, outcome.session);
        return reply.redirect('/', 303);
      } catch (error) {
        if (error instanceof AppError) {
          request.log.info({ code: error.code, details: error.details }, 'SAML sign-in refused');
          return reply.redirect(`/sign-in?sso_error=${error.code}`, 303);
        }
        throw error;
      }
    },
  });
};
