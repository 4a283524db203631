// /scim/v2 (RFC 7644) as a Fastify plugin of its own: SCIM bearer tokens (config.bearer 'scim'), its
// media type, its error bodies (§3.12) for every failure including 401/404/413/429, and a rate limit
// per token. The routes are hidden from the product's OpenAPI document: /ServiceProviderConfig,
// /Schemas and /ResourceTypes describe them the SCIM way.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { databaseOutage } from '../../db/database-errors.js';
import { contextOf } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { hashToken } from '../../platform/tokens.js';
import { hasControlCharacter, scimFail } from './scim.errors.js';
import { SCIM_MAX_BODY_BYTES } from './scim.discovery.js';
import { scimDiscoveryRoutes } from './scim.discovery-routes.js';
import { errorBody, MEDIA_TYPE, sendScim } from './scim.http.js';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './scim.groups.js';
import type { ListQuery } from './scim.list.js';
import { bindContext, noteFor, requestLogger } from './scim.log.js';
import { bulk } from './scim.bulk.js';
import { searchRoot } from './scim.search.js';
import { createUser, getUser, listUsers } from './scim.users.js';
import { deleteUser, patchUser, replaceUser } from './scim.users-write.js';

/** Every failure under /scim/v2 as an RFC 7644 §3.12 error body. */
function scimErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    const scimType = (error.details as { scimType?: string } | undefined)?.scimType;
    return reply
      .status(error.status)
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(error.status, error.message, scimType)));
  }
  const code = (error as { code?: string }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // Two requests raced for the same userName, externalId or address: the database kept one.
    return reply
      .status(409)
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(409, 'Another resource already has this value.', 'uniqueness')));
  }
  const outage = databaseOutage(error);
  if (outage) {
    request.log.warn({ err: error }, `database outage: ${outage}`);
    return reply
      .status(503)
      .header('retry-after', '2')
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(503, 'The database cannot serve right now. Nothing was changed; retry shortly.')));
  }
  const status = error.statusCode ?? 500;
  if (status === 429)
    return reply
      .status(429)
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(429, 'Too many requests for this SCIM token: wait and retry (see Retry-After).')));
  if (status === 413)
    return reply
      .status(413)
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(413, `The request body is larger than ${SCIM_MAX_BODY_BYTES} bytes.`)));
  if (status >= 400 && status < 500) {
    return reply
      .status(status)
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(status, error.message, status === 400 ? 'invalidSyntax' : undefined)));
  }
  request.log.error({ err: error }, 'unexpected error in SCIM');
  return reply
    .status(500)
    .type(MEDIA_TYPE)
    .send(JSON.stringify(errorBody(500, `Something went wrong on our side (request ${String(request.id)}).`)));
}

function firstString(value: unknown): string | undefined {
  const v: unknown = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function listQuery(raw: unknown): ListQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.join(',') : firstString(v));
  return {
    filter: firstString(q.filter),
    startIndex: firstString(q.startIndex),
    count: firstString(q.count),
    attributes: list(q.attributes),
    excludedAttributes: list(q.excludedAttributes),
    sortBy: firstString(q.sortBy),
    sortOrder: firstString(q.sortOrder),
  };
}

function idOf(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (id.length > 64 || hasControlCharacter(id)) throw scimFail('RESOURCE_NOT_FOUND');
  return id;
}

const ifMatch = (request: FastifyRequest) => firstString(request.headers['if-match']);

export async function scimRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.setErrorHandler(scimErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type(MEDIA_TYPE)
      .send(JSON.stringify(errorBody(404, `No SCIM endpoint ${request.method} ${request.url.split('?')[0]}.`))),
  );
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(['application/scim+json'], { parseAs: 'string', bodyLimit: SCIM_MAX_BODY_BYTES }, parseJson);
  app.addContentTypeParser(['application/json'], { parseAs: 'string', bodyLimit: SCIM_MAX_BODY_BYTES }, parseJson);
  const config = {
    bearer: 'scim',
    rateLimit: {
      max: deps.config.scimRequestsPerMinute,
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => `scim:${hashToken(request.headers.authorization ?? request.ip)}`,
    },
  };
  const schema = { hide: true };
  const ctx = (request: FastifyRequest) => bindContext(contextOf(request, deps), request);
  app.addHook('onSend', requestLogger(deps));
  const options = { config, schema };

  app.get('/Users', options, async (request, reply) => sendScim(reply, 200, await listUsers(ctx(request), listQuery(request.query))));
  app.post('/Users/.search', options, async (request, reply) => sendScim(reply, 200, await listUsers(ctx(request), listQuery(request.body))));
  app.get('/Users/:id', options, async (request, reply) => {
    const resource = await getUser(ctx(request), idOf(request));
    const version = (resource.meta as { version: string }).version;
    if (firstString(request.headers['if-none-match']) === version) return reply.status(304).header('etag', version).send();
    return sendScim(reply, 200, resource);
  });
  app.post('/Users', options, async (request, reply) => {
    const { resource, linked } = await createUser(ctx(request), request.body);
    reply.header('location', (resource.meta as { location: string }).location);
    // A POST for an address that already had an account links it, and says so.
    if (linked) reply.header('x-sofie-linked-existing', linked === 'invited' ? 'invitation' : 'account');
    return sendScim(reply, 201, resource);
  });
  app.put('/Users/:id', options, async (request, reply) =>
    sendScim(reply, 200, await replaceUser(ctx(request), idOf(request), request.body, ifMatch(request))),
  );
  app.patch('/Users/:id', options, async (request, reply) =>
    sendScim(reply, 200, await patchUser(ctx(request), idOf(request), request.body, ifMatch(request))),
  );
  app.delete('/Users/:id', options, async (request, reply) => {
    const outcome = await deleteUser(ctx(request), idOf(request), ifMatch(request));
    return reply.header('x-sofie-outcome', outcome).status(204).send();
  });

  app.get('/Groups', options, async (request, reply) => sendScim(reply, 200, await listGroups(ctx(request), listQuery(request.query))));
  app.post('/Groups/.search', options, async (request, reply) => sendScim(reply, 200, await listGroups(ctx(request), listQuery(request.body))));
  app.get('/Groups/:id', options, async (request, reply) => {
    const resource = await getGroup(ctx(request), idOf(request), listQuery(request.query));
    const version = (resource.meta as { version: string }).version;
    if (firstString(request.headers['if-none-match']) === version) return reply.status(304).header('etag', version).send();
    return sendScim(reply, 200, resource);
  });
  app.post('/Groups', options, async (request, reply) => {
    const resource = await createGroup(ctx(request), request.body);
    reply.header('location', (resource.meta as { location: string }).location);
    return sendScim(reply, 201, resource);
  });
  app.put('/Groups/:id', options, async (request, reply) =>
    sendScim(reply, 200, await replaceGroup(ctx(request), idOf(request), request.body, ifMatch(request))),
  );
  app.patch('/Groups/:id', options, async (request, reply) => {
    await patchGroup(ctx(request), idOf(request), request.body, ifMatch(request));
    return reply.status(204).send();
  });
  app.delete('/Groups/:id', options, async (request, reply) => {
    await deleteGroup(ctx(request), idOf(request), ifMatch(request));
    return reply.status(204).send();
  });
  app.post('/.search', options, async (request, reply) => sendScim(reply, 200, await searchRoot(ctx(request), listQuery(request.body))));
  app.post('/Bulk', options, async (request, reply) => {
    const context = ctx(request);
    return sendScim(reply, 200, await bulk(context, request.body, (detail) => noteFor(context, detail)));
  });
  await app.register(scimDiscoveryRoutes, { deps, options });
}
