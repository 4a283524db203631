import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BulkJob, BulkJobDetail, BulkJobList, BulkJobListQuery, StartBulkJobBody, StartInviteJobBody } from '../../../contracts/bulk-jobs.js';
import { ErrorBody, IdempotencyHeaders, IdParams } from '../../../contracts/common.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { idempotent } from '../../platform/idempotency.js';
import { EXISTING_USER_ROLE_CHANGE } from '../invitations/index.js';
import { BULK_ACTION_PERMISSIONS } from '../users/index.js';
import { inviteJobResultsCsv, startInviteJob } from './bulk-jobs.invite.js';
import { cancelBulkJob, getBulkJob, listBulkJobs, startBulkJob, undoBulkJob } from './bulk-jobs.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** What acting on an existing job needs, by what the job changes: as for starting it. */
const BY_JOB_KIND = {
  role: { permission: 'users.assign_role', stepUp: true, when: 'the job changes roles' },
  groups: { permission: 'groups.manage', when: 'the job changes group memberships' },
  deactivation: { permission: 'users.deactivate', when: 'the job deactivates users' },
  invitations: { permission: 'users.invite', when: 'the job sends invitations from a CSV file' },
} as const;

/** A CSV import of 100,000 rows, as JSON: well above the app's 5 MB default. */
const CSV_JOB_BODY_LIMIT = 32 * 1024 * 1024;

export const bulkJobsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // Wakes the worker so a new or cancelled job is picked up at once (no worker in tests).
  const kick = () => app.bulkJobWorker?.kick();
  await app.register(inviteJobRoutes, { deps });
  app.post('/api/bulk-jobs', {
    config: {
      permission: 'users.view',
      actions: { ...BULK_ACTION_PERMISSIONS, deactivate: { permission: 'users.deactivate' } },
    },
    schema: {
      operationId: 'startBulkJob',
      tags: ['Bulk jobs'],
      summary: 'Start a bulk role change, group change or deactivation as a server-side job (Idempotency-Key honoured)',
      headers: IdempotencyHeaders,
      body: StartBulkJobBody,
      response: { 202: BulkJob, ...errors },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps);
      const answer = await idempotent(request, reply, deps, ctx.organizationId, async () => ({ status: 202, body: await startBulkJob(ctx, request.body) }));
      kick();
      return answer;
    },
  });

  app.get('/api/bulk-jobs', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listBulkJobs',
      tags: ['Bulk jobs'],
      summary: 'Recent bulk jobs of the organization, newest first',
      querystring: BulkJobListQuery,
      response: { 200: BulkJobList, ...errors },
    },
    handler: async (request) => listBulkJobs(contextOf(request, deps), request.query),
  });

  app.get('/api/bulk-jobs/:id', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'getBulkJob',
      tags: ['Bulk jobs'],
      summary: 'A bulk job’s progress and the users it skipped',
      params: IdParams,
      response: { 200: BulkJobDetail, ...errors },
    },
    handler: async (request) => getBulkJob(contextOf(request, deps), request.params.id),
  });

  app.post('/api/bulk-jobs/:id/cancel', {
    config: { permission: 'users.view', conditional: BY_JOB_KIND },
    schema: {
      operationId: 'cancelBulkJob',
      tags: ['Bulk jobs'],
      summary: 'Stop a running bulk job after its current chunk',
      params: IdParams,
      response: { 200: BulkJob, ...errors },
    },
    handler: async (request) => {
      const job = await cancelBulkJob(contextOf(request, deps), request.params.id);
      kick();
      return job;
    },
  });

  app.post('/api/bulk-jobs/:id/undo', {
    config: { permission: 'users.view', conditional: { role: BY_JOB_KIND.role, groups: BY_JOB_KIND.groups } },
    schema: {
      operationId: 'undoBulkJob',
      tags: ['Bulk jobs'],
      summary: 'Restore what a role or group job changed (within 30 days), as a new job',
      params: IdParams,
      response: { 202: BulkJob, ...errors },
    },
    handler: async (request, reply) => {
      const job = await undoBulkJob(contextOf(request, deps), request.params.id);
      kick();
      return reply.status(202).send(job);
    },
  });
};

/** A CSV import of more than the console's threshold: its rows stored as a job, invited by the worker. */
const inviteJobRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/bulk-jobs/invitations', {
    bodyLimit: CSV_JOB_BODY_LIMIT,
    config: {
      permission: 'users.invite',
      conditional: {
        [EXISTING_USER_ROLE_CHANGE]: {
          permission: 'users.assign_role',
          stepUp: true,
          when: 'a row names an address that already has an account with another role, which the invitation changes',
        },
      },
    },
    schema: {
      operationId: 'startInviteJob',
      tags: ['Bulk jobs'],
      summary: 'Invite the rows of a CSV file as a server-side job; each row reported on its own (Idempotency-Key honoured)',
      headers: IdempotencyHeaders,
      body: StartInviteJobBody,
      response: { 202: BulkJob, ...errors },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps);
      const answer = await idempotent(request, reply, deps, ctx.organizationId, async () => ({ status: 202, body: await startInviteJob(ctx, request.body) }));
      app.bulkJobWorker?.kick();
      return answer;
    },
  });

  app.get('/api/bulk-jobs/:id/results.csv', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'inviteJobResultsCsv',
      tags: ['Bulk jobs'],
      summary: 'A CSV import job’s results, one line per row of the file',
      params: IdParams,
      response: { 200: Type.String({ description: 'The rows as CSV (text/csv): line, email, outcome, message.' }), ...errors },
    },
    handler: async (request, reply) => {
      const csv = await inviteJobResultsCsv(contextOf(request, deps), request.params.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="invitation-results.csv"').send(csv);
    },
  });
};
