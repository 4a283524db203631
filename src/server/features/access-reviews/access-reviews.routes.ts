import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CampaignDetail,
  CampaignList,
  CloseCampaignBody,
  CreateCampaignBody,
  DecideBody,
  DecideResult,
  GenerateSnapshotBody,
  MyReviewItems,
  ReassignReviewerBody,
  ReassignReviewerResult,
  Snapshot,
  SnapshotExportQuery,
  SnapshotList,
} from '../../../contracts/access-reviews.js';
import { ErrorBody, IdParams, PageQuery } from '../../../contracts/common.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { campaignDetail, listCampaigns, startCampaign } from './access-reviews.campaigns.js';
import { closeCampaign } from './access-reviews.close.js';
import { decide, myReviewItems } from './access-reviews.decisions.js';
import { evidencePackage } from './access-reviews.evidence.js';
import { reassignReviewer } from './access-reviews.reassign.js';
import { exportSnapshot } from './access-reviews.snapshot-export.js';
import { generateSnapshot, getSnapshot, listSnapshots } from './access-reviews.snapshots.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const tags = ['Access reviews'];
const VIEW = 'security.view_events' as const;
const MANAGE = 'security.manage_reviews' as const;

/**
 * Security Center → Access Reviews. Viewing needs "View security events"; generating, starting,
 * closing and exporting need "Manage access reviews". Reviewers need only to be assigned.
 */
export const accessReviewsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/access-reviews/snapshots', {
    config: { permission: MANAGE },
    schema: {
      operationId: 'generateSnapshot',
      tags,
      summary: 'Generate Snapshot: a point-in-time report of privileged access',
      body: GenerateSnapshotBody,
      response: { 201: Snapshot, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await generateSnapshot(contextOf(request, deps), request.body.dormantDays ?? 90)),
  });
  app.get('/api/access-reviews/snapshots', {
    config: { permission: VIEW },
    schema: {
      operationId: 'listSnapshots',
      tags,
      summary: 'Stored snapshots, newest first, one page at a time',
      querystring: PageQuery,
      response: { 200: SnapshotList, ...errors },
    },
    handler: async (request) => listSnapshots(contextOf(request, deps), request.query),
  });
  app.get('/api/access-reviews/snapshots/:id', {
    config: { permission: VIEW },
    schema: { operationId: 'getSnapshot', tags, summary: 'One stored snapshot with its report', params: IdParams, response: { 200: Snapshot, ...errors } },
    handler: async (request) => getSnapshot(contextOf(request, deps), request.params.id),
  });
  app.get('/api/access-reviews/snapshots/:id/export', {
    config: { permission: MANAGE },
    schema: {
      operationId: 'exportSnapshot',
      tags,
      summary: 'A snapshot as CSV, JSON or PDF',
      params: IdParams,
      querystring: SnapshotExportQuery,
      response: { 200: Type.Any({ description: 'The snapshot as a CSV, JSON or PDF file, as `format` asks.' }), ...errors },
    },
    handler: async (request, reply) => {
      const out = await exportSnapshot(contextOf(request, deps), request.params.id, request.query.format);
      return reply.header('content-type', out.type).header('content-disposition', `attachment; filename="${out.file}"`).send(out.body);
    },
  });

  app.get('/api/access-reviews/campaigns', {
    config: { permission: VIEW },
    schema: {
      operationId: 'listCampaigns',
      tags,
      summary: 'Review campaigns, newest first, with their progress, one page at a time',
      querystring: PageQuery,
      response: { 200: CampaignList, ...errors },
    },
    handler: async (request) => listCampaigns(contextOf(request, deps), request.query),
  });

  await app.register(campaignRoutes, { deps });
};

const campaignRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/access-reviews/campaigns', {
    config: { permission: MANAGE },
    schema: {
      operationId: 'createCampaign',
      tags,
      summary: 'Start a review campaign over a scope, with reviewers and a due date',
      body: CreateCampaignBody,
      response: { 201: CampaignDetail, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await startCampaign(contextOf(request, deps), request.body)),
  });
  app.get('/api/access-reviews/campaigns/:id', {
    config: { permission: VIEW },
    schema: {
      operationId: 'getCampaign',
      tags,
      summary: 'A campaign with every item, decision and outcome',
      params: IdParams,
      response: { 200: CampaignDetail, ...errors },
    },
    handler: async (request) => campaignDetail(contextOf(request, deps), request.params.id),
  });
  app.post('/api/access-reviews/campaigns/:id/close', {
    config: {
      permission: MANAGE,
      // Revocations change roles: the same permission and passkey check as changing a role on the user's page.
      conditional: { applyRevocations: { permission: 'users.assign_role', stepUp: true, when: 'closing applies at least one revocation' } },
    },
    schema: {
      operationId: 'closeCampaign',
      tags,
      summary: 'Close a campaign: apply revocations through the role guardrails (optionally revoking what was left unreviewed)',
      params: IdParams,
      body: CloseCampaignBody,
      response: { 200: CampaignDetail, ...errors },
    },
    handler: async (request) => closeCampaign(contextOf(request, deps), request.params.id, request.body),
  });
  app.post('/api/access-reviews/campaigns/:id/reassign', {
    config: { permission: MANAGE },
    schema: {
      operationId: 'reassignReviewer',
      tags,
      summary: "Reassign a reviewer's open items (or the reviewer role's unassigned pool) to another person",
      params: IdParams,
      body: ReassignReviewerBody,
      response: { 200: ReassignReviewerResult, ...errors },
    },
    handler: async (request) => reassignReviewer(contextOf(request, deps), request.params.id, request.body),
  });
  app.get('/api/access-reviews/campaigns/:id/evidence', {
    config: { permission: MANAGE },
    schema: {
      operationId: 'exportCampaignEvidence',
      tags,
      summary: 'Evidence package: a tar of JSON/CSV files with a SHA-256 manifest',
      params: IdParams,
      response: { 200: Type.Any({ description: 'A tar archive of JSON and CSV files with a SHA-256 manifest.' }), ...errors },
    },
    handler: async (request, reply) => {
      const out = await evidencePackage(contextOf(request, deps), request.params.id);
      return reply
        .header('content-type', 'application/x-tar')
        .header('content-disposition', `attachment; filename="${out.file}"`)
        .header('x-manifest-sha256', out.manifestSha256)
        .send(out.body);
    },
  });

  await app.register(reviewerRoutes, { deps });
};

/** What a reviewer calls: being assigned is enough; the rules are checked per item. */
const reviewerRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/access-reviews/my-items', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMyReviewItems',
      tags,
      summary: 'The review items assigned to me in open campaigns, one page at a time',
      querystring: PageQuery,
      response: { 200: MyReviewItems, ...errors },
    },
    handler: async (request) => myReviewItems(contextOf(request, deps), request.query),
  });
  app.post('/api/access-reviews/decisions', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'decideReviewItems',
      tags,
      summary: 'Keep or Revoke one or many items, with a reason',
      body: DecideBody,
      response: { 200: DecideResult, ...errors },
    },
    handler: async (request) => decide(contextOf(request, deps), request.body),
  });
};
