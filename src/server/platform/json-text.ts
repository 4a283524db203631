import type { FastifyReply } from 'fastify';

/**
 * Sends JSON text built elsewhere (the users list's, built by the database) as it is: Fastify runs
 * its schema serialiser on objects only, so the text is not parsed and written again. The route's
 * response schema still documents the shape, and the route's tests read the answer against it.
 */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
