import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditList, AuditQuery } from '../../../contracts/audit.js';
import { ErrorBody, IdParams } from '../../../contracts/common.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../users/index.js';
import { listAuditEvents } from './audit.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/audit-events', {
    config: { permission: 'security.view_events' },
    schema: { tags: ['Security Center'], summary: 'Search the audit log', querystring: AuditQuery, response: { 200: AuditList, ...errors } },
    handler: async (request) => listAuditEvents(contextOf(request, deps), request.query),
  });

  app.get('/api/users/:id/history', {
    config: { permission: 'users.view' },
    schema: {
      tags: ['Users'],
      summary: 'Audit events about one user, newest first',
      params: IdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), cursor: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 200: AuditList, ...errors },
    },
    handler: async (request) => {
      const ctx = contextOf(request, deps);
      await requireUser(deps.db, ctx.organizationId, request.params.id);
      return listAuditEvents(ctx, { subjectId: request.params.id, limit: request.query.limit, cursor: request.query.cursor });
    },
  });
};
