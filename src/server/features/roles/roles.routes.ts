import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../../contracts/common.js';
import { PERMISSIONS } from '../../../contracts/permissions.js';
import { PermissionCatalogue, RoleList } from '../../../contracts/roles.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { listRoles } from './roles.service.js';

export const rolesRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/permissions', {
    config: { permission: 'roles.view' },
    schema: { tags: ['Roles'], summary: 'The permission catalogue', response: { 200: PermissionCatalogue, 401: ErrorBody, 403: ErrorBody } },
    handler: async () => ({ items: PERMISSIONS.map((p) => ({ ...p })) }),
  });

  app.get('/api/roles', {
    // Anyone who may invite or assign needs the role list, not only role administrators.
    config: { permission: 'users.view' },
    schema: { tags: ['Roles'], summary: 'Roles of the organization with their holders count', response: { 200: RoleList, 401: ErrorBody, 403: ErrorBody } },
    handler: async (request) => ({ items: await listRoles(contextOf(request, deps)) }),
  });
};
