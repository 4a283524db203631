import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../../contracts/common.js';
import { OrganizationSettings, UpdateOrganizationSettingsBody } from '../../../contracts/organization.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { getOrganizationSettings, updateOrganizationSettings } from './organizations.service.js';

export const organizationsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/organization/settings', {
    config: { permission: 'organization.view_settings' },
    schema: {
      operationId: 'getOrganizationSettings',
      tags: ['Organization'],
      summary: 'Organization settings and authentication policy',
      response: { 200: OrganizationSettings, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request) => getOrganizationSettings(contextOf(request, deps)),
  });

  app.patch('/api/organization/settings', {
    config: { permission: 'organization.manage_settings', stepUp: true },
    schema: {
      operationId: 'updateOrganizationSettings',
      tags: ['Organization'],
      summary: 'Change organization settings (audited)',
      body: UpdateOrganizationSettingsBody,
      response: { 200: OrganizationSettings, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody },
    },
    handler: async (request) => updateOrganizationSettings(contextOf(request, deps), request.body),
  });
};
