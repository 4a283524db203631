import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, PageQuery, ReasonBody } from '../../../contracts/common.js';
import {
  CreateWorkspaceBody,
  UserWorkspaceList,
  WorkspaceDetail,
  WorkspaceList,
  WorkspaceListQuery,
  WorkspaceMemberParams,
  WorkspaceMembersBody,
} from '../../../contracts/workspaces.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { getWorkspace } from './workspaces.detail.js';
import { removeWorkspaceMember, setWorkspaceMembers } from './workspaces.members.js';
import { createWorkspace, listUserWorkspaces, listWorkspaces } from './workspaces.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export const workspacesRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(reachRoutes, { deps });
  app.get('/api/workspaces', {
    config: { permission: 'workspaces.manage' },
    schema: {
      operationId: 'listWorkspaces',
      tags: ['Workspaces'],
      summary: 'Workspaces with owner and member counts',
      querystring: WorkspaceListQuery,
      response: { 200: WorkspaceList, ...errors },
    },
    handler: async (request) => listWorkspaces(contextOf(request, deps), request.query),
  });
  app.post('/api/workspaces', {
    config: { permission: 'workspaces.manage' },
    schema: {
      operationId: 'createWorkspace',
      tags: ['Workspaces'],
      summary: 'Create a Personal, Collaborative or Organization Workspace; its owner becomes a direct Admin',
      body: CreateWorkspaceBody,
      response: { 201: WorkspaceDetail, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createWorkspace(contextOf(request, deps), request.body)),
  });
  app.get('/api/workspaces/:id', {
    config: { permission: 'workspaces.manage' },
    schema: {
      operationId: 'getWorkspace',
      tags: ['Workspaces'],
      summary: 'A Workspace with its members and everyone’s effective access, with the path that grants it',
      params: IdParams,
      response: { 200: WorkspaceDetail, ...errors },
    },
    handler: async (request) => getWorkspace(contextOf(request, deps), request.params.id),
  });
  app.put('/api/workspaces/:id/members', {
    config: { permission: 'workspaces.manage' },
    schema: {
      operationId: 'putWorkspaceMembers',
      tags: ['Workspaces'],
      summary: 'Add members (users or groups) or change their role',
      params: IdParams,
      body: WorkspaceMembersBody,
      response: { 200: WorkspaceDetail, ...errors },
    },
    handler: async (request) => setWorkspaceMembers(contextOf(request, deps), request.params.id, request.body),
  });
  app.delete('/api/workspaces/:id/members/:memberType/:memberId', {
    config: { permission: 'workspaces.manage' },
    schema: {
      operationId: 'removeWorkspaceMember',
      tags: ['Workspaces'],
      summary: 'Remove a member',
      params: WorkspaceMemberParams,
      querystring: ReasonBody,
      response: { 200: WorkspaceDetail, ...errors },
    },
    handler: async (request) =>
      removeWorkspaceMember(contextOf(request, deps), request.params.id, request.params.memberType, request.params.memberId, request.query.reason),
  });
};

/** Which Workspaces a user reaches, and how. */
const reachRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/users/:id/workspaces', {
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listUserWorkspaces',
      tags: ['Workspaces'],
      summary: 'The user’s Workspaces: direct, via groups, via the organization; by name, one page at a time',
      params: IdParams,
      querystring: PageQuery,
      response: { 200: UserWorkspaceList, ...errors },
    },
    handler: async (request) => listUserWorkspaces(contextOf(request, deps), request.params.id, request.query),
  });

  app.get('/api/account/workspaces', {
    // Every signed-in person may see their own Workspaces: the welcome page shows where the first lives.
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMyWorkspaces',
      tags: ['Workspaces'],
      summary: 'The signed-in user’s own Workspaces, with how they reach each, one page at a time',
      querystring: PageQuery,
      response: { 200: UserWorkspaceList, ...errors },
    },
    handler: async (request) => {
      const ctx = contextOf(request, deps);
      return listUserWorkspaces(ctx, ctx.actor.userId, request.query);
    },
  });
};
