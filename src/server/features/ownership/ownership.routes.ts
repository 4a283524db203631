import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, Ok, PageQuery } from '../../../contracts/common.js';
import {
  CollaboratorChangesBody,
  CollaboratorChangesResult,
  ContentItemList,
  ContentItemQuery,
  CreatedWebhookEndpoint,
  CreateWebhookEndpointBody,
  RemoveContentItemsBody,
  RemoveContentItemsResult,
  UpsertContentItemsBody,
  UpsertContentItemsResult,
  WebhookDeliveryList,
  WebhookEndpointList,
} from '../../../contracts/ownership.js';
import { contextOf, serviceContext } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { listContentItems } from './ownership.service.js';
import { changeCollaborators, removeContentItems, upsertContentItems } from './ownership.sync.js';
import { createWebhookEndpoint, disableWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from './ownership.webhook-endpoints.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

type App = Parameters<FastifyPluginAsyncTypebox<{ deps: Deps }>>[0];
/** Wakes the webhook worker after a change that queued deliveries. */
type KickWebhooks = () => void;

/** Service API: Sofie's content services register who owns and collaborates on what. */
function serviceApiRoutes(app: App, deps: Deps, kick: KickWebhooks): void {
  app.put('/api/service/content-items', {
    config: { service: true },
    schema: {
      operationId: 'upsertContentItems',
      tags: ['Ownership (service API)'],
      summary: 'Upsert content items by externalId (idempotent); collaborators, when given, replace the item’s seats',
      body: UpsertContentItemsBody,
      response: { 200: UpsertContentItemsResult, ...errors },
    },
    handler: async (request) => {
      const result = await upsertContentItems(serviceContext(request, deps), request.body);
      kick();
      return result;
    },
  });

  app.post('/api/service/content-items/remove', {
    config: { service: true },
    schema: {
      operationId: 'removeContentItems',
      tags: ['Ownership (service API)'],
      summary: 'Remove content items by externalId (idempotent)',
      body: RemoveContentItemsBody,
      response: { 200: RemoveContentItemsResult, ...errors },
    },
    handler: async (request) => {
      const result = await removeContentItems(serviceContext(request, deps), request.body);
      kick();
      return result;
    },
  });

  app.post('/api/service/content-items/collaborators', {
    config: { service: true },
    schema: {
      operationId: 'changeCollaborators',
      tags: ['Ownership (service API)'],
      summary: 'Add, change or remove collaborator seats in bulk (idempotent)',
      body: CollaboratorChangesBody,
      response: { 200: CollaboratorChangesResult, ...errors },
    },
    handler: async (request) => {
      const result = await changeCollaborators(serviceContext(request, deps), request.body);
      kick();
      return result;
    },
  });

  app.get('/api/service/content-items', {
    config: { service: true },
    schema: {
      operationId: 'listServiceContentItems',
      tags: ['Ownership (service API)'],
      summary: 'The registry as this organization’s services see it',
      querystring: ContentItemQuery,
      response: { 200: ContentItemList, ...errors },
    },
    handler: async (request) => listContentItems(serviceContext(request, deps), request.query),
  });
}

/** Console: the ownership registry, and the webhook endpoints that receive its changes. */
function consoleRoutes(app: App, deps: Deps): void {
  app.get('/api/content-items', {
    config: { permission: 'workspaces.manage' },
    schema: {
      operationId: 'listContentItems',
      tags: ['Ownership'],
      summary: 'The ownership registry: filter by owner, collaborator, type',
      querystring: ContentItemQuery,
      response: { 200: ContentItemList, ...errors },
    },
    handler: async (request) => listContentItems(contextOf(request, deps), request.query),
  });

  app.get('/api/webhooks', {
    config: { permission: 'integrations.manage' },
    schema: {
      operationId: 'listWebhookEndpoints',
      tags: ['Webhooks'],
      summary: 'Endpoints that receive ownership and collaborator changes, oldest first (keyset pages)',
      querystring: PageQuery,
      response: { 200: WebhookEndpointList, ...errors },
    },
    handler: async (request) => listWebhookEndpoints(contextOf(request, deps), request.query),
  });
  app.post('/api/webhooks', {
    config: { permission: 'integrations.manage', stepUp: true },
    schema: {
      operationId: 'createWebhookEndpoint',
      tags: ['Webhooks'],
      summary: 'Add an endpoint; the signing secret is shown once',
      body: CreateWebhookEndpointBody,
      response: { 201: CreatedWebhookEndpoint, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createWebhookEndpoint(contextOf(request, deps), request.body)),
  });
  app.delete('/api/webhooks/:id', {
    config: { permission: 'integrations.manage' },
    schema: {
      operationId: 'disableWebhookEndpoint',
      tags: ['Webhooks'],
      summary: 'Disable an endpoint (queued deliveries to it stop)',
      params: IdParams,
      response: { 200: Ok, ...errors },
    },
    handler: async (request) => {
      await disableWebhookEndpoint(contextOf(request, deps), request.params.id);
      return { ok: true as const };
    },
  });
  app.get('/api/webhooks/deliveries', {
    config: { permission: 'integrations.manage' },
    schema: {
      operationId: 'listWebhookDeliveries',
      tags: ['Webhooks'],
      summary: 'Deliveries with attempts and last error, newest first (keyset pages)',
      querystring: PageQuery,
      response: { 200: WebhookDeliveryList, ...errors },
    },
    handler: async (request) => listWebhookDeliveries(contextOf(request, deps), request.query),
  });
}

export const ownershipRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const kick = () => app.webhookWorker?.kick();
  serviceApiRoutes(app, deps, kick);
  consoleRoutes(app, deps);
};
