import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, PageQuery, ReasonBody } from '../../../contracts/common.js';
import { PERMISSIONS } from '../../../contracts/permissions.js';
import {
  CreateRoleBody,
  DuplicateRoleBody,
  PermissionCatalogue,
  RecommendRoleBody,
  Role,
  RoleImpact,
  RoleImpactBody,
  RoleList,
  RoleRecommendation,
  UpdateRoleBody,
} from '../../../contracts/roles.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { createRole, deleteRole, duplicateRole, updateRole } from './roles.changes.js';
import { roleImpact } from './roles.impact.js';
import { recommendRole } from './roles.recommend.js';
import { getRole, listRoles } from './roles.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

type App = Parameters<FastifyPluginAsyncTypebox<{ deps: Deps }>>[0];

/** The permission catalogue and the routes on the role collection (list, create, impact review, recommendation). */
function roleCollectionRoutes(app: App, deps: Deps): void {
  app.get('/api/permissions', {
    config: { permission: 'roles.view' },
    schema: {
      operationId: 'listPermissions',
      tags: ['Roles'],
      summary: 'The permission catalogue',
      response: { 200: PermissionCatalogue, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async () => ({ items: PERMISSIONS.map((p) => ({ ...p })) }),
  });

  app.get('/api/roles', {
    // Anyone who may invite or assign needs the role list, not only role administrators.
    config: { permission: 'users.view' },
    schema: {
      operationId: 'listRoles',
      tags: ['Roles'],
      summary: 'Roles of the organization with their holders count: system roles first, then by name, one page at a time',
      querystring: PageQuery,
      response: { 200: RoleList, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request) => listRoles(contextOf(request, deps), request.query),
  });

  app.post('/api/roles', {
    config: { permission: 'roles.manage', stepUp: true },
    schema: {
      operationId: 'createRole',
      tags: ['Roles'],
      summary: 'New Role (guardrails, owner for privileged roles, business reason)',
      body: CreateRoleBody,
      response: { 201: Role, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createRole(contextOf(request, deps), request.body)),
  });

  // Declared before /api/roles/:id so the static paths win (Fastify prefers static segments anyway).
  app.post('/api/roles/impact', {
    config: { permission: 'roles.manage' },
    schema: {
      operationId: 'reviewRoleImpact',
      tags: ['Roles'],
      summary: 'Impact review: who gains or loses which permissions if the role is saved',
      body: RoleImpactBody,
      response: { 200: RoleImpact, ...errors },
    },
    handler: async (request) => roleImpact(contextOf(request, deps), request.body),
  });

  app.post('/api/roles/recommend', {
    // Used by "Help me choose" in the invite dialog; it reveals no more than the role list does.
    config: { permission: 'users.view' },
    schema: {
      operationId: 'recommendRole',
      tags: ['Roles'],
      summary: 'Help me choose: the narrowest role for the day-one answers',
      body: RecommendRoleBody,
      response: { 200: RoleRecommendation, ...errors },
    },
    handler: async (request) => recommendRole(contextOf(request, deps), request.body),
  });
}

/** The routes on one role: read, edit, duplicate, delete. */
function singleRoleRoutes(app: App, deps: Deps): void {
  app.get('/api/roles/:id', {
    config: { permission: 'roles.view' },
    schema: {
      operationId: 'getRole',
      tags: ['Roles'],
      summary: 'A role with its permissions, security policy, owner and holders count',
      params: IdParams,
      response: { 200: Role, ...errors },
    },
    handler: async (request) => getRole(contextOf(request, deps), request.params.id),
  });

  app.patch('/api/roles/:id', {
    config: { permission: 'roles.manage', stepUp: true },
    schema: {
      operationId: 'updateRole',
      tags: ['Roles'],
      summary: 'Edit a custom role (optimistic version, guardrails)',
      params: IdParams,
      body: UpdateRoleBody,
      response: { 200: Role, ...errors },
    },
    handler: async (request) => updateRole(contextOf(request, deps), request.params.id, request.body),
  });

  app.post('/api/roles/:id/duplicate', {
    // Creates a role, as POST /api/roles does (a copy of Admin holds every permission): the same passkey check.
    config: { permission: 'roles.manage', stepUp: true },
    schema: {
      operationId: 'duplicateRole',
      tags: ['Roles'],
      summary: 'Duplicate a role (system roles included) into a custom role',
      params: IdParams,
      body: DuplicateRoleBody,
      response: { 201: Role, ...errors },
    },
    // Every field is optional, so a bare POST is a valid request.
    preValidation: async (request) => {
      request.body ??= {};
    },
    handler: async (request, reply) => reply.status(201).send(await duplicateRole(contextOf(request, deps), request.params.id, request.body)),
  });

  app.delete('/api/roles/:id', {
    config: { permission: 'roles.manage', stepUp: true },
    schema: {
      operationId: 'deleteRole',
      tags: ['Roles'],
      summary: 'Delete a custom role nobody holds',
      params: IdParams,
      querystring: ReasonBody,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await deleteRole(contextOf(request, deps), request.params.id, request.query.reason);
      return { ok: true as const };
    },
  });
}

export const rolesRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  roleCollectionRoutes(app, deps);
  singleRoleRoutes(app, deps);
};
