// The console's side of provisioning (Integrations → Provisioning): the switch, the base URL and the
// SCIM tokens. Managing them needs "Manage provisioning"; creating a token or turning SCIM on is a
// sensitive action (a recent passkey check for people who have one).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, PageQuery } from '../../../contracts/common.js';
import {
  CreatedScimToken,
  CreateScimRoleMappingBody,
  CreateScimTokenBody,
  ScimProvisioning,
  ScimRequestPage,
  ScimRequestQuery,
  ScimRoleMappingList,
  ScimRoleMappingOutcome,
  ScimSettingsBody,
} from '../../../contracts/scim.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { listScimRequests } from './scim.log.js';
import { createRoleMapping, listRoleMappings, removeRoleMapping } from './scim.mappings-admin.js';
import { createScimToken, getProvisioning, revokeScimToken, setScimEnabled } from './scim.tokens.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const scimAdminRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(scimMappingRoutes, { deps });
  app.get('/api/scim-tokens', {
    config: { permission: 'provisioning.manage' },
    schema: {
      operationId: 'getScimProvisioning',
      tags: ['Provisioning'],
      summary: 'SCIM provisioning: whether it is on, the base URL, the tokens newest first (keyset pages)',
      querystring: PageQuery,
      response: { 200: ScimProvisioning, ...errors },
    },
    handler: async (request) => getProvisioning(contextOf(request, deps), request.query),
  });
  app.put('/api/scim-settings', {
    config: { permission: 'provisioning.manage', stepUp: true },
    schema: {
      operationId: 'updateScimSettings',
      tags: ['Provisioning'],
      summary: 'Turn SCIM provisioning on or off',
      body: ScimSettingsBody,
      response: { 200: ScimProvisioning, ...errors },
    },
    handler: async (request) => setScimEnabled(contextOf(request, deps), request.body.enabled),
  });
  app.post('/api/scim-tokens', {
    config: { permission: 'provisioning.manage', stepUp: true },
    schema: {
      operationId: 'createScimToken',
      tags: ['Provisioning'],
      summary: 'Create a SCIM token (the secret is shown once)',
      body: CreateScimTokenBody,
      response: { 201: CreatedScimToken, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createScimToken(contextOf(request, deps), request.body)),
  });
  app.delete('/api/scim-tokens/:id', {
    config: { permission: 'provisioning.manage' },
    schema: { operationId: 'revokeScimToken', tags: ['Provisioning'], summary: 'Revoke a SCIM token', params: IdParams, response: { 200: Ok, ...errors } },
    handler: async (request) => {
      await revokeScimToken(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });
};

/** Group-to-role mappings and the provisioning request log. */
const scimMappingRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/scim-role-mappings', {
    config: { permission: 'provisioning.manage' },
    schema: {
      operationId: 'listScimRoleMappings',
      tags: ['Provisioning'],
      summary: 'Group-to-role mappings by group name (keyset pages), the SCIM groups one can map and the roles the caller may grant',
      querystring: PageQuery,
      response: { 200: ScimRoleMappingList, ...errors },
    },
    handler: async (request) => listRoleMappings(contextOf(request, deps), request.query),
  });
  app.post('/api/scim-role-mappings', {
    config: { permission: 'provisioning.manage', stepUp: true },
    schema: {
      operationId: 'createScimRoleMapping',
      tags: ['Provisioning'],
      summary: 'Map an IdP group to a role (within your own grant ceiling); its current members get the role',
      body: CreateScimRoleMappingBody,
      response: { 201: ScimRoleMappingOutcome, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createRoleMapping(contextOf(request, deps), request.body)),
  });
  app.delete('/api/scim-role-mappings/:id', {
    config: { permission: 'provisioning.manage', stepUp: true },
    schema: {
      operationId: 'deleteScimRoleMapping',
      tags: ['Provisioning'],
      summary: 'Remove a group-to-role mapping; members it gave the role go back to the default role',
      params: IdParams,
      response: { 200: ScimRoleMappingOutcome, ...errors },
    },
    handler: async (request) => removeRoleMapping(contextOf(request, deps), request.params.id),
  });
  app.get('/api/scim-requests', {
    config: { permission: 'provisioning.manage' },
    schema: {
      operationId: 'listScimRequests',
      tags: ['Provisioning'],
      summary: 'Recent provisioning requests, newest first (keyset pages), optionally only failures',
      querystring: ScimRequestQuery,
      response: { 200: ScimRequestPage, ...errors },
    },
    handler: async (request) => listScimRequests(contextOf(request, deps), request.query),
  });
};
