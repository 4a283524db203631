import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, IdempotencyHeaders, IdParams, ReasonBody } from '../../../contracts/common.js';
import {
  BulkUsersBody,
  BulkUsersResult,
  ChangeGroupsBody,
  ChangeRoleBody,
  UserCount,
  UserDetail,
  UserFilter,
  UserList,
  UserExportQuery,
  UserListQuery,
  UserLookup,
  UserLookupQuery,
} from '../../../contracts/users.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { idempotent } from '../../platform/idempotency.js';
import { sendJsonText } from '../../platform/json-text.js';
import { countUsers, exportUsersCsv, listUsersJson } from './users.list.js';
import { getUserDetail } from './users.detail.js';
import { lookupUsers } from './users.lookup.js';
import { bulkUpdateUsers, changeUserGroups, changeUserRole, signOutEverywhere } from './users.service.js';

/**
 * What each bulk action needs, whether it runs at once (POST /api/users/bulk) or as a job (bulk-jobs).
 * As for one user: a role change asks for the passkey check (PUT /api/users/:id/role); group changes do not.
 */
export const BULK_ACTION_PERMISSIONS = {
  assign_role: { permission: 'users.assign_role', stepUp: true },
  add_to_group: { permission: 'groups.manage' },
  remove_from_group: { permission: 'groups.manage' },
} as const;

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export const usersRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(usersListRoutes, { deps });

  app.post('/api/users/bulk', {
    config: {
      permission: 'users.view',
      actions: BULK_ACTION_PERMISSIONS,
    },
    schema: {
      operationId: 'bulkUpdateUsers',
      tags: ['Users'],
      summary: 'Assign a role or change a group for selected users or all matching a filter (Idempotency-Key honoured)',
      headers: IdempotencyHeaders,
      body: BulkUsersBody,
      response: { 200: BulkUsersResult, ...errors },
    },
    handler: async (request, reply) => {
      const ctx = contextOf(request, deps);
      return idempotent(request, reply, deps, ctx.organizationId, async () => ({ status: 200, body: await bulkUpdateUsers(ctx, request.body) }));
    },
  });

  app.get('/api/users/:id', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'getUser',
      tags: ['Users'],
      summary: 'User details with the computed checklist',
      params: IdParams,
      response: { 200: UserDetail, ...errors },
    },
    handler: async (request) => getUserDetail(contextOf(request, deps), request.params.id),
  });

  app.put('/api/users/:id/role', {
    config: { permission: 'users.assign_role', stepUp: true },
    schema: {
      operationId: 'changeUserRole',
      tags: ['Users'],
      summary: 'Change the user’s role (guardrails, business reason, optimistic version)',
      params: IdParams,
      body: ChangeRoleBody,
      response: { 200: UserDetail, ...errors },
    },
    handler: async (request) => changeUserRole(contextOf(request, deps), request.params.id, request.body),
  });

  app.put('/api/users/:id/groups', {
    config: { permission: 'groups.manage' },
    schema: {
      operationId: 'changeUserGroups',
      tags: ['Users'],
      summary: 'Replace the user’s groups (business reason, optimistic version)',
      params: IdParams,
      body: ChangeGroupsBody,
      response: { 200: UserDetail, ...errors },
    },
    handler: async (request) => changeUserGroups(contextOf(request, deps), request.params.id, request.body),
  });

  app.post('/api/users/:id/sign-out-everywhere', {
    config: { permission: 'users.manage_sessions' },
    schema: {
      operationId: 'signOutUserEverywhere',
      tags: ['Users'],
      summary: 'End every session of the user',
      params: IdParams,
      body: ReasonBody,
      response: { 200: Type.Object({ revoked: Type.Integer() }), ...errors },
    },
    handler: async (request) => ({ revoked: await signOutEverywhere(contextOf(request, deps), request.params.id, request.body.reason) }),
  });
};

/** The list, its exact count on demand and its CSV export: the same filter, three answers. */
const usersListRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/users', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listUsers',
      tags: ['Users'],
      summary: 'List users: substring search, filters, sort, keyset pagination with a total',
      querystring: UserListQuery,
      response: { 200: UserList, ...errors },
    },
    handler: async (request, reply) => sendJsonText(reply, await listUsersJson(contextOf(request, deps), request.query)),
  });

  app.get('/api/users/lookup', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'lookupUsers',
      tags: ['Users'],
      summary: 'Find a few users by what was typed (the command palette): email prefix first, then name or email substring',
      querystring: UserLookupQuery,
      response: { 200: UserLookup, ...errors },
    },
    handler: async (request) => lookupUsers(contextOf(request, deps), request.query),
  });

  app.get('/api/users/count', {
    // Counting every match of a common term reads the whole organization (a full index scan at a
    // million users, on SQLite synchronously): on demand, a few times a minute, never in a loop.
    config: { permission: 'users.view', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'countUsers',
      tags: ['Users'],
      summary: 'Exactly how many users match a filter (the list counts a search only up to 1,000)',
      querystring: UserFilter,
      response: { 200: UserCount, ...errors },
    },
    handler: async (request) => countUsers(contextOf(request, deps), request.query),
  });

  app.get('/api/users/export.csv', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'exportUsersCsv',
      tags: ['Users'],
      summary: 'The current filtered view as CSV',
      querystring: UserExportQuery,
      response: { 200: Type.String({ description: 'The users as CSV (text/csv), one row per user.' }), ...errors },
    },
    handler: async (request, reply) => {
      const { search, roleId, groupId, status, lastActive, sort, order } = request.query;
      const csv = await exportUsersCsv(contextOf(request, deps), { search, roleId, groupId, status, lastActive }, sort, order);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="users.csv"').send(csv);
    },
  });
};
