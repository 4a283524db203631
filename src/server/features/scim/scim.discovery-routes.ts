// GET /ServiceProviderConfig, /Schemas, /ResourceTypes (and each by id): RFC 7644 §4.
import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { asList, byId, resourceTypes, schemas, serviceProviderConfig } from './scim.discovery.js';
import { sendScim } from './scim.http.js';
import { scimBaseUrl } from './scim.tokens.js';

export async function scimDiscoveryRoutes(app: FastifyInstance, { deps, options }: { deps: Deps; options: RouteShorthandOptions }): Promise<void> {
  const base = scimBaseUrl(deps);
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  app.get('/ServiceProviderConfig', options, async (_request, reply) => sendScim(reply, 200, serviceProviderConfig(base, deps.config.scimRequestsPerMinute)));
  app.get('/Schemas', options, async (_request, reply) => sendScim(reply, 200, asList(schemas(base))));
  app.get('/Schemas/:id', options, async (request, reply) => sendScim(reply, 200, byId(schemas(base), id(request), 'schema')));
  app.get('/ResourceTypes', options, async (_request, reply) => sendScim(reply, 200, asList(resourceTypes(base))));
  app.get('/ResourceTypes/:id', options, async (request, reply) => sendScim(reply, 200, byId(resourceTypes(base), id(request), 'resource type')));
}
