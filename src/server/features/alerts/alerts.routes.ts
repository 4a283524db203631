import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AlertDigestSetting,
  AlertList,
  AlertQuery,
  AssignAlertBody,
  DismissAlertBody,
  EscalateAlertBody,
  OpenAlertCount,
  SecurityAlert,
} from '../../../contracts/alerts.js';
import { ErrorBody, IdParams, NextCursor, PageQuery } from '../../../contracts/common.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { alertAssignees, assignAlert, digestSetting, dismissAlert, escalateAlert, listAlerts, openAlertCount, setDigestSetting } from './alerts.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['Security Center'];
const permission = 'security.view_events' as const;
const Assignees = Type.Object(
  { items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })), nextCursor: NextCursor },
  {
    description: 'One page of the people an alert can be assigned to, by name, with the cursor of the next.',
  },
);

export const alertsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/security/alerts', {
    config: { permission },
    schema: { operationId: 'listAlerts', tags, summary: 'Security alerts, newest first', querystring: AlertQuery, response: { 200: AlertList, ...errors } },
    handler: async (request) => listAlerts(contextOf(request, deps), request.query),
  });
  app.get('/api/security/alerts/open-count', {
    config: { permission },
    schema: {
      operationId: 'countOpenAlerts',
      tags,
      summary: 'How many alerts are open (for the navigation badge)',
      response: { 200: OpenAlertCount, ...errors },
    },
    handler: async (request) => openAlertCount(contextOf(request, deps)),
  });
  app.get('/api/security/alerts/assignees', {
    config: { permission },
    schema: {
      operationId: 'listAlertAssignees',
      tags,
      summary: 'People an alert can be assigned to, by name, one page at a time',
      querystring: PageQuery,
      response: { 200: Assignees, ...errors },
    },
    handler: async (request) => alertAssignees(contextOf(request, deps), request.query),
  });
  app.post('/api/security/alerts/:id/dismiss', {
    config: { permission },
    schema: {
      operationId: 'dismissAlert',
      tags,
      summary: 'Dismiss an alert, saying why',
      params: IdParams,
      body: DismissAlertBody,
      response: { 200: SecurityAlert, ...errors },
    },
    handler: async (request) => dismissAlert(contextOf(request, deps), request.params.id, request.body.reason),
  });
  app.post('/api/security/alerts/:id/assign', {
    config: { permission },
    schema: {
      operationId: 'assignAlert',
      tags,
      summary: 'Assign an alert (null: unassign)',
      params: IdParams,
      body: AssignAlertBody,
      response: { 200: SecurityAlert, ...errors },
    },
    handler: async (request) => assignAlert(contextOf(request, deps), request.params.id, request.body.assigneeId),
  });
  app.post('/api/security/alerts/:id/escalate', {
    config: { permission },
    schema: {
      operationId: 'escalateAlert',
      tags,
      summary: 'Escalate an alert: high risk, and an email to everyone who may view security events',
      params: IdParams,
      body: EscalateAlertBody,
      response: { 200: SecurityAlert, ...errors },
    },
    handler: async (request) => escalateAlert(contextOf(request, deps), request.params.id, request.body.reason),
  });
  await app.register(digestRoutes, { deps });
};

/** Each viewer's own choice: whether the daily digest of alerts comes to them by email. */
const digestRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/security/alerts/digest', {
    config: { permission },
    schema: {
      operationId: 'getAlertDigestSetting',
      tags,
      summary: 'Whether you receive the daily alerts digest',
      response: { 200: AlertDigestSetting, ...errors },
    },
    handler: async (request) => digestSetting(contextOf(request, deps)),
  });
  app.put('/api/security/alerts/digest', {
    config: { permission },
    schema: {
      operationId: 'setAlertDigestSetting',
      tags,
      summary: 'Subscribe to or leave the daily alerts digest',
      body: AlertDigestSetting,
      response: { 200: AlertDigestSetting, ...errors },
    },
    handler: async (request) => setDigestSetting(contextOf(request, deps), request.body.subscribed),
  });
};
