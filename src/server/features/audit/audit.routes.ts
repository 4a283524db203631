import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Readable } from 'node:stream';
import { AuditExportQuery, AuditList, AuditQuery, ChainVerification } from '../../../contracts/audit.js';
import { ErrorBody, IdParams, PageLimit } from '../../../contracts/common.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../users/index.js';
import { exportAuditEvents } from './audit.export.js';
import { listAuditEvents } from './audit.service.js';
import { verifyChain } from './audit.verify.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/audit-events', {
    config: { permission: 'security.view_events' },
    schema: {
      operationId: 'listAuditEvents',
      tags: ['Security Center'],
      summary: 'Search the audit log',
      querystring: AuditQuery,
      response: { 200: AuditList, ...errors },
    },
    handler: async (request) => listAuditEvents(contextOf(request, deps), request.query),
  });

  app.get('/api/audit-events/export', {
    config: { permission: 'security.view_events' },
    schema: {
      operationId: 'exportAuditEvents',
      tags: ['Security Center'],
      summary: 'Export exactly the searched view as CSV or JSON Lines, streamed in batches (the export itself is audited)',
      querystring: AuditExportQuery,
      response: {
        200: Type.String({ description: 'CSV (with a header row) or JSON Lines (one event per line)' }),
        400: ErrorBody,
        401: ErrorBody,
        403: ErrorBody,
      },
    },
    handler: async (request, reply) => {
      const { format, ...view } = request.query;
      const lines = await exportAuditEvents(contextOf(request, deps), view, format);
      const stamp = deps.clock().toISOString().slice(0, 19).replace(/:/g, '-');
      return (
        reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-events-${stamp}.${format}"`)
          .header('cache-control', 'no-store')
          // A stream skips the response serializer: batches go out as the database returns them.
          .send(Readable.from(lines) as unknown as string)
      );
    },
  });

  app.get('/api/security/audit/verify', {
    config: { permission: 'security.view_events' },
    schema: {
      operationId: 'verifyAuditChain',
      tags: ['Security Center'],
      summary: 'Recompute this organization’s audit hash chain and report the first broken link',
      response: { 200: ChainVerification, ...errors },
    },
    handler: async (request) => verifyChain(deps.db, contextOf(request, deps).organizationId),
  });

  app.get('/api/users/:id/history', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listUserHistory',
      tags: ['Users'],
      summary: 'Audit events about one user, newest first',
      params: IdParams,
      querystring: Type.Object({ limit: PageLimit(), cursor: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 200: AuditList, ...errors },
    },
    handler: async (request) => {
      const ctx = contextOf(request, deps);
      await requireUser(deps.db, ctx.organizationId, request.params.id);
      return listAuditEvents(ctx, { subjectId: request.params.id, limit: request.query.limit, cursor: request.query.cursor });
    },
  });
};
