// The SCIM media type, its error body (RFC 7644 §3.12) and how a resource goes out (with its ETag).
import type { FastifyReply } from 'fastify';
import type { Json } from './scim.patch.js';

export const MEDIA_TYPE = 'application/scim+json; charset=utf-8';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export function sendScim(reply: FastifyReply, status: number, body: Json | null): FastifyReply {
  const version = (body?.meta as { version?: string } | undefined)?.version;
  if (version) reply.header('etag', version);
  if (body === null) return reply.status(status).send();
  return reply.status(status).type(MEDIA_TYPE).send(JSON.stringify(body));
}

export function errorBody(status: number, detail: string, scimType?: string): Json {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}
