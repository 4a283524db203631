// Single sign-on routes beyond the basics: the public JWKS of a connection that authenticates with
// private-key JWT, and the group-to-role rules of a connection.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, IdParams, Ok, PageQuery } from '../../../contracts/common.js';
import { CreateSsoRoleRuleBody, SsoRoleRule, SsoRoleRuleList } from '../../../contracts/sso.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { publicJwksOf } from './sso.client-auth.js';
import { SSO_ERRORS } from './sso.errors.js';
import { createRoleRule, listRoleRules, removeRoleRule } from './sso.role-rules.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const RuleParams = Type.Object({ id: Type.String({ maxLength: 64 }), ruleId: Type.String({ maxLength: 64 }) });
const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }, { description: 'The connection’s public key set (JWKS).' });

export const ssoMappingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/sso/connections/:id/jwks.json', {
    config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      operationId: 'getSsoClientJwks',
      tags: ['Single sign-on'],
      summary: 'The public key a private-key JWT connection signs its client assertions with (for the identity provider)',
      params: IdParams,
      response: { 200: Jwks, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const jwks = await publicJwksOf(deps.db, request.params.id);
      if (!jwks) throw fail(SSO_ERRORS, 'CONNECTION_NOT_FOUND');
      void reply.header('cache-control', 'public, max-age=300');
      return jwks;
    },
  });
  app.get('/api/sso/connections/:id/role-rules', {
    config: { permission: 'organization.view_settings' },
    schema: {
      operationId: 'listSsoRoleRules',
      tags: ['Single sign-on'],
      summary: 'Group-to-role rules of a connection by IdP group (keyset pages), and the roles the caller may choose',
      params: IdParams,
      querystring: PageQuery,
      response: { 200: SsoRoleRuleList, ...errors },
    },
    handler: async (request) => listRoleRules(contextOf(request, deps), request.params.id, request.query),
  });
  app.post('/api/sso/connections/:id/role-rules', {
    config: { permission: 'organization.manage_settings', stepUp: true },
    schema: {
      operationId: 'createSsoRoleRule',
      tags: ['Single sign-on'],
      summary: 'Add a group-to-role rule (within your own grant ceiling); it applies at each sign-in',
      params: IdParams,
      body: CreateSsoRoleRuleBody,
      response: { 201: SsoRoleRule, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createRoleRule(contextOf(request, deps), request.params.id, request.body)),
  });
  app.delete('/api/sso/connections/:id/role-rules/:ruleId', {
    config: { permission: 'organization.manage_settings', stepUp: true },
    schema: {
      operationId: 'removeSsoRoleRule',
      tags: ['Single sign-on'],
      summary: 'Remove a group-to-role rule',
      params: RuleParams,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await removeRoleRule(contextOf(request, deps), request.params.id, request.params.ruleId);
      return { ok: true as const };
    },
  });
};
