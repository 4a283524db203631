import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, PageQuery } from '../../../contracts/common.js';
import { CreatedLogStreamDestination, CreateLogStreamBody, LogStreamDestinationList } from '../../../contracts/log-streaming.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { createDestination, listDestinations, removeDestination } from './log-streaming.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };
const tags = ['Security Center'];

/** A destination receives the whole audit log: configuring one needs "Configure integrations" and a fresh passkey check. */
export const logStreamingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/security/log-streams', {
    config: { permission: 'integrations.manage' },
    schema: {
      operationId: 'listLogStreams',
      tags,
      summary: 'Log stream destinations (SIEM) and their delivery state, oldest first (keyset pages)',
      querystring: PageQuery,
      response: { 200: LogStreamDestinationList, ...errors },
    },
    handler: async (request) => listDestinations(contextOf(request, deps), request.query),
  });
  app.post('/api/security/log-streams', {
    config: { permission: 'integrations.manage', stepUp: true },
    schema: {
      operationId: 'createLogStream',
      tags,
      summary: 'Add a destination that receives every audit event in signed JSON batches (the signing secret is shown once)',
      body: CreateLogStreamBody,
      response: { 201: CreatedLogStreamDestination, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createDestination(contextOf(request, deps), request.body)),
  });
  app.delete('/api/security/log-streams/:id', {
    config: { permission: 'integrations.manage', stepUp: true },
    schema: { operationId: 'deleteLogStream', tags, summary: 'Stop streaming to a destination', params: IdParams, response: { 200: Ok, ...errors } },
    handler: async (request) => {
      await removeDestination(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });
};
