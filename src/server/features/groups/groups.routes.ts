import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, PageQuery, ReasonBody } from '../../../contracts/common.js';
import { CreateGroupBody, GroupDetail, GroupList, GroupListQuery, GroupMemberList, GroupMembersBody, UpdateGroupBody } from '../../../contracts/groups.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { changeGroupMembers, createGroup, deleteGroup, getGroup, listGroupMembers, listGroups, updateGroup } from './groups.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export const groupsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/groups', {
    // The invite dialog and the users filter need group names, so anyone who sees users sees groups.
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listGroups',
      tags: ['Groups'],
      summary: 'Groups with member counts and sprawl hints, by name (keyset pages: 50 unless `limit` asks for up to 200)',
      querystring: GroupListQuery,
      response: { 200: GroupList, ...errors },
    },
    handler: async (request) => listGroups(contextOf(request, deps), request.query),
  });

  app.post('/api/groups', {
    config: { permission: 'groups.manage' },
    schema: { operationId: 'createGroup', tags: ['Groups'], summary: 'New Group', body: CreateGroupBody, response: { 201: GroupDetail, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await createGroup(contextOf(request, deps), request.body)),
  });

  app.get('/api/groups/:id', {
    config: { permission: 'groups.view' },
    schema: {
      operationId: 'getGroup',
      tags: ['Groups'],
      summary: 'A group with the first page of its members',
      params: IdParams,
      response: { 200: GroupDetail, ...errors },
    },
    handler: async (request) => getGroup(contextOf(request, deps), request.params.id),
  });

  app.patch('/api/groups/:id', {
    config: { permission: 'groups.manage' },
    schema: {
      operationId: 'updateGroup',
      tags: ['Groups'],
      summary: 'Rename or describe a group',
      params: IdParams,
      body: UpdateGroupBody,
      response: { 200: GroupDetail, ...errors },
    },
    handler: async (request) => updateGroup(contextOf(request, deps), request.params.id, request.body),
  });

  app.delete('/api/groups/:id', {
    config: { permission: 'groups.manage' },
    schema: {
      operationId: 'deleteGroup',
      tags: ['Groups'],
      summary: 'Delete a group (members keep their accounts)',
      params: IdParams,
      querystring: ReasonBody,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await deleteGroup(contextOf(request, deps), request.params.id, request.query.reason);
      return { ok: true as const };
    },
  });

  await app.register(memberRoutes, { deps });
};

/** A group's members: read page by page, added, removed. */
const memberRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/groups/:id/members', {
    config: { permission: 'groups.view' },
    schema: {
      operationId: 'listGroupMembers',
      tags: ['Groups'],
      summary: 'A group’s members by name, one page at a time',
      params: IdParams,
      querystring: PageQuery,
      response: { 200: GroupMemberList, ...errors },
    },
    handler: async (request) => listGroupMembers(contextOf(request, deps), request.params.id, request.query),
  });

  app.post('/api/groups/:id/members', {
    config: { permission: 'groups.manage' },
    schema: {
      operationId: 'addGroupMembers',
      tags: ['Groups'],
      summary: 'Add members',
      params: IdParams,
      body: GroupMembersBody,
      response: { 200: GroupDetail, ...errors },
    },
    handler: async (request) => changeGroupMembers(contextOf(request, deps), request.params.id, request.body, 'add'),
  });

  app.post('/api/groups/:id/members/remove', {
    config: { permission: 'groups.manage' },
    schema: {
      operationId: 'removeGroupMembers',
      tags: ['Groups'],
      summary: 'Remove members',
      params: IdParams,
      body: GroupMembersBody,
      response: { 200: GroupDetail, ...errors },
    },
    handler: async (request) => changeGroupMembers(contextOf(request, deps), request.params.id, request.body, 'remove'),
  });
};
