import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams } from '../../../contracts/common.js';
import {
  ActivityFeed,
  ActivityQuery,
  InactiveUserList,
  InactiveUsersQuery,
  IngestUsageBody,
  IngestUsageResult,
  UpdateUsageSettingsBody,
  UsageOverview,
  UsageOverviewQuery,
  UsageSettings,
  UsageTrend,
  UsageTrendQuery,
} from '../../../contracts/usage.js';
import { contextOf, serviceContext } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { ingestUsageEvents } from './usage.ingest.js';
import { getUsageOverview, listInactiveUsers } from './usage.overview.js';
import { getUsageSettings, updateUsageSettings } from './usage.retention.js';
import { getUserActivity, getUserUsageTrend } from './usage.user-activity.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody };

export const usageRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/usage/events', {
    config: { service: true },
    schema: {
      operationId: 'ingestUsageEvents',
      tags: ['Usage'],
      summary: 'Ingest a batch of up to 1,000 usage events (service token). Idempotent by event id; invalid events are rejected one by one, valid ones kept.',
      body: IngestUsageBody,
      response: { 200: IngestUsageResult, ...errors },
    },
    handler: async (request) => ingestUsageEvents(serviceContext(request, deps), request.body.events),
  });

  app.get('/api/users/:id/activity', {
    config: { permission: 'users.view_activity' },
    schema: {
      operationId: 'listUserActivity',
      tags: ['Usage'],
      summary: 'Recent activity of a user: usage events and audit events about them, newest first',
      params: IdParams,
      querystring: ActivityQuery,
      response: { 200: ActivityFeed, ...errors },
    },
    handler: async (request) => getUserActivity(contextOf(request, deps), request.params.id, request.query),
  });

  app.get('/api/users/:id/usage', {
    config: { permission: 'users.view_activity' },
    schema: {
      operationId: 'getUserUsage',
      tags: ['Usage'],
      summary: 'Usage trend of a user per day and type over 30 or 90 days (UTC, zero-filled)',
      params: IdParams,
      querystring: UsageTrendQuery,
      response: { 200: UsageTrend, ...errors },
    },
    handler: async (request) => getUserUsageTrend(contextOf(request, deps), request.params.id, request.query.days ?? 30),
  });

  app.get('/api/usage/overview', {
    config: { permission: 'users.view_activity' },
    schema: {
      operationId: 'getUsageOverview',
      tags: ['Usage'],
      summary: 'Organization overview: active users per day, week and month with the trend, top event types, inactive accounts',
      querystring: UsageOverviewQuery,
      response: { 200: UsageOverview, ...errors },
    },
    handler: async (request) => getUsageOverview(contextOf(request, deps), request.query.inactiveDays ?? 30),
  });

  app.get('/api/usage/inactive-users', {
    config: { permission: 'users.view_activity' },
    schema: {
      operationId: 'listInactiveUsers',
      tags: ['Usage'],
      summary: 'Active accounts with no activity in N days, least recently active first',
      querystring: InactiveUsersQuery,
      response: { 200: InactiveUserList, ...errors },
    },
    handler: async (request) => listInactiveUsers(contextOf(request, deps), request.query),
  });

  app.get('/api/usage/settings', {
    config: { permission: 'organization.view_settings' },
    schema: { operationId: 'getUsageSettings', tags: ['Usage'], summary: 'How long raw usage events are kept', response: { 200: UsageSettings, ...errors } },
    handler: async (request) => getUsageSettings(contextOf(request, deps)),
  });

  app.put('/api/usage/settings', {
    config: { permission: 'organization.manage_settings' },
    schema: {
      operationId: 'updateUsageSettings',
      tags: ['Usage'],
      summary: 'Change how long raw usage events are kept (7–730 days; trends keep their daily rollups)',
      body: UpdateUsageSettingsBody,
      response: { 200: UsageSettings, ...errors },
    },
    handler: async (request) => updateUsageSettings(contextOf(request, deps), request.body.retentionDays),
  });
};
