import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, PageQuery } from '../../../contracts/common.js';
import { CreatedServiceToken, CreateServiceTokenBody, ServiceTokenList } from '../../../contracts/service-tokens.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { createServiceToken, listServiceTokens, revokeServiceToken } from './service-tokens.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const serviceTokensRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/service-tokens', {
    config: { permission: 'provisioning.manage' },
    schema: {
      operationId: 'listServiceTokens',
      tags: ['Provisioning'],
      summary: 'Service tokens of the organization, newest first (keyset pages)',
      querystring: PageQuery,
      response: { 200: ServiceTokenList, ...errors },
    },
    handler: async (request) => listServiceTokens(contextOf(request, deps), request.query),
  });
  app.post('/api/service-tokens', {
    config: { permission: 'provisioning.manage', stepUp: true },
    schema: {
      operationId: 'createServiceToken',
      tags: ['Provisioning'],
      summary: 'Create a service token (the secret is shown once)',
      body: CreateServiceTokenBody,
      response: { 201: CreatedServiceToken, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createServiceToken(contextOf(request, deps), request.body)),
  });
  app.delete('/api/service-tokens/:id', {
    config: { permission: 'provisioning.manage' },
    schema: {
      operationId: 'revokeServiceToken',
      tags: ['Provisioning'],
      summary: 'Revoke a service token',
      params: IdParams,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await revokeServiceToken(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });
};
