import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorBody } from '../../../contracts/common.js';
import {
  CreatedOrganization,
  CreateOrganizationBody,
  DeletedOrganization,
  DeleteOrganizationBody,
  OperatorChangeBody,
  OperatorListQuery,
  OperatorOrganization,
  OperatorOrganizationList,
  OrganizationRefParams,
  SuspendedOrganization,
} from '../../../contracts/operator.js';
import type { Deps } from '../../platform/deps.js';
import {
  createOrganizationAsOperator,
  deleteOrganization,
  listOrganizationsAsOperator,
  resumeOrganization,
  suspendOrganization,
  type OperatorActor,
} from './organizations.operator.js';

const tags = ['Operator'];
const security = [{ operatorToken: [] }];
const operator = { operator: true } as const;
const refused = { 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

function operatorOf(request: FastifyRequest): OperatorActor {
  return { label: `api from ${request.ip}`, ip: request.ip ?? null };
}

/**
 * The deployment operator's API, registered only when OPERATOR_TOKEN is set. Every route takes the
 * operator token (`Authorization: Bearer …`) and nothing else: a session cookie is never read here.
 */
export const operatorRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/operator/api/organizations', {
    config: operator,
    schema: {
      operationId: 'listOrganizations',
      tags,
      security,
      summary: 'Organizations by name, with their account counts',
      querystring: OperatorListQuery,
      response: { 200: OperatorOrganizationList, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => listOrganizationsAsOperator(deps, request.query),
  });

  app.post('/operator/api/organizations', {
    config: operator,
    schema: {
      operationId: 'createOrganization',
      tags,
      security,
      summary: 'Create an organization and invite its first administrator (the link is mailed and returned once)',
      body: CreateOrganizationBody,
      response: { 201: CreatedOrganization, 400: ErrorBody, ...refused },
    },
    handler: async (request, reply) => reply.status(201).send(await createOrganizationAsOperator(deps, operatorOf(request), request.body)),
  });

  app.post('/operator/api/organizations/:ref/suspend', {
    config: operator,
    schema: {
      operationId: 'suspendOrganization',
      tags,
      security,
      summary: 'Suspend an organization: its sessions end at once, nobody of it signs in, its service tokens are refused',
      params: OrganizationRefParams,
      body: OperatorChangeBody,
      response: { 200: SuspendedOrganization, 400: ErrorBody, ...refused },
    },
    handler: async (request) => suspendOrganization(deps, operatorOf(request), request.params.ref, request.body.reason),
  });

  app.post('/operator/api/organizations/:ref/resume', {
    config: operator,
    schema: {
      operationId: 'resumeOrganization',
      tags,
      security,
      summary: 'Let a suspended organization’s people sign in again',
      params: OrganizationRefParams,
      body: OperatorChangeBody,
      response: { 200: OperatorOrganization, 400: ErrorBody, ...refused },
    },
    handler: async (request) => resumeOrganization(deps, operatorOf(request), request.params.ref, request.body.reason),
  });

  app.post('/operator/api/organizations/:ref/delete', {
    config: operator,
    schema: {
      operationId: 'deleteOrganization',
      tags,
      security,
      summary: 'Delete a suspended organization and every row it owns, after its exact name is typed again',
      params: OrganizationRefParams,
      body: DeleteOrganizationBody,
      response: { 200: DeletedOrganization, 400: ErrorBody, ...refused },
    },
    handler: async (request) => deleteOrganization(deps, operatorOf(request), request.params.ref, request.body),
  });
};
