import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, PageQuery, ReasonBody } from '../../../contracts/common.js';
import {
  DeactivateBody,
  DeactivateResult,
  DeleteUserBody,
  DeleteUserResult,
  OwnershipItemList,
  OwnershipItemsQuery,
  OwnershipReview,
  PausedSequenceList,
  ReactivateBody,
  ReactivateResult,
  RestorableUserList,
  RestoreResult,
} from '../../../contracts/offboarding.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { deleteUser } from './offboarding.apply.js';
import { deactivateUser, listPausedSequences, reactivateUser } from './offboarding.deactivation.js';
import { restorableUsers } from './offboarding.repository.js';
import { restoreUser } from './offboarding.restore.js';
import { nowIso } from '../../platform/deps.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { getOwnershipReview, listOwnershipItems } from './offboarding.review.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 410: ErrorBody, 422: ErrorBody };

type App = Parameters<FastifyPluginAsyncTypebox<{ deps: Deps }>>[0];
/** Wakes the webhook worker after a change that queued deliveries. */
type KickWebhooks = () => void;

/** Deactivation and its way back: deactivate, the Sequences it paused, reactivate. */
function deactivationRoutes(app: App, deps: Deps, kick: KickWebhooks): void {
  app.post('/api/users/:id/deactivate', {
    config: { permission: 'users.deactivate' },
    schema: {
      operationId: 'deactivateUser',
      tags: ['Offboarding'],
      summary: 'Deactivate: block sign-in, end every session, revoke pending invitations, pause the user’s active Sequences',
      params: IdParams,
      body: DeactivateBody,
      response: { 200: DeactivateResult, ...errors },
    },
    handler: async (request) => {
      const result = await deactivateUser(contextOf(request, deps), request.params.id, request.body.reason);
      kick();
      return result;
    },
  });

  app.get('/api/users/:id/paused-sequences', {
    config: { permission: 'users.deactivate' },
    schema: {
      operationId: 'listPausedSequences',
      tags: ['Offboarding'],
      summary: 'Sequences paused by the deactivation, which reactivation can resume',
      params: IdParams,
      response: { 200: PausedSequenceList, ...errors },
    },
    handler: async (request) => ({ items: await listPausedSequences(contextOf(request, deps), request.params.id) }),
  });

  app.post('/api/users/:id/reactivate', {
    config: { permission: 'users.deactivate' },
    schema: {
      operationId: 'reactivateUser',
      tags: ['Offboarding'],
      summary: 'Reactivate a deactivated user, resuming the chosen Sequences',
      params: IdParams,
      body: ReactivateBody,
      response: { 200: ReactivateResult, ...errors },
    },
    handler: async (request) => {
      const result = await reactivateUser(contextOf(request, deps), request.params.id, request.body);
      kick();
      return result;
    },
  });
}

/** Deletion with an ownership plan: the review, the owned items, delete, restore. */
function deletionRoutes(app: App, deps: Deps, kick: KickWebhooks): void {
  app.get('/api/users/:id/ownership', {
    config: { permission: 'users.delete' },
    schema: {
      operationId: 'getOwnershipReview',
      tags: ['Offboarding'],
      summary: 'Ownership review: the seven content types with counts, collaborator seats, memberships, the offboarding policy',
      params: IdParams,
      response: { 200: OwnershipReview, ...errors },
    },
    handler: async (request) => getOwnershipReview(contextOf(request, deps), request.params.id),
  });

  app.get('/api/users/:id/ownership/items', {
    config: { permission: 'users.delete' },
    schema: {
      operationId: 'listOwnedItems',
      tags: ['Offboarding'],
      summary: 'The items the user owns (or collaborates on), paged',
      params: IdParams,
      querystring: OwnershipItemsQuery,
      response: { 200: OwnershipItemList, ...errors },
    },
    handler: async (request) => listOwnershipItems(contextOf(request, deps), request.params.id, request.query),
  });

  app.post('/api/users/:id/delete', {
    // Deleting someone is as sensitive as it gets: a holder of a passkey proves it first (issue 5).
    config: { permission: 'users.delete', stepUp: true },
    schema: {
      operationId: 'deleteUser',
      tags: ['Offboarding'],
      summary: 'Delete a user with an ownership plan (dryRun previews it); applied in one transaction, the user becomes a tombstone',
      params: IdParams,
      body: DeleteUserBody,
      response: { 200: DeleteUserResult, ...errors },
    },
    handler: async (request) => {
      const result = await deleteUser(contextOf(request, deps), request.params.id, request.body);
      if (!result.dryRun) kick();
      return result;
    },
  });

  app.post('/api/users/:id/restore', {
    config: { permission: 'users.delete' },
    schema: {
      operationId: 'restoreUser',
      tags: ['Offboarding'],
      summary: 'Restore a deleted user within the restore period (comes back deactivated)',
      params: IdParams,
      body: ReasonBody,
      response: { 200: RestoreResult, ...errors },
    },
    handler: async (request) => restoreUser(contextOf(request, deps), request.params.id, request.body.reason),
  });

  app.get('/api/deleted-users/restorable', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listRestorableUsers',
      tags: ['Offboarding'],
      summary: 'Deleted users still inside the restore period (their personal data not yet purged), the soonest purge first',
      querystring: PageQuery,
      response: { 200: RestorableUserList, ...errors },
    },
    handler: async (request) => {
      const ctx = contextOf(request, deps);
      const limit = limitOf(request.query);
      const after = decodeCursor(request.query.cursor, 2);
      const rows = await restorableUsers(deps.db, ctx.organizationId, nowIso(deps), after && { purgeAfter: after[0], id: after[1] }, limit + 1);
      const page = pageOf(rows, limit, (r) => [r.purge_after ?? '', r.id]);
      return {
        items: page.rows.map((r) => ({ id: r.id, label: r.name, deletedAt: r.deleted_at ?? '', restoreUntil: r.purge_after ?? '' })),
        nextCursor: page.nextCursor,
      };
    },
  });
}

export const offboardingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const kick = () => app.webhookWorker?.kick();
  deactivationRoutes(app, deps, kick);
  deletionRoutes(app, deps, kick);
};
