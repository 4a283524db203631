import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { PLATFORM_ERRORS, type ErrorSpec } from '../../contracts/errors.js';
import { databaseOutage } from '../db/database-errors.js';

/** Seconds a client should wait before retrying after a database outage (sent as Retry-After). */
const RETRY_AFTER_SECONDS = 2;

export type { ErrorSpec } from '../../contracts/errors.js';
export { PLATFORM_ERRORS } from '../../contracts/errors.js';

/** A domain failure with a stable machine-readable code and a message fit for the person. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Builds a throwing helper from a feature's catalogue: `fail(USERS_ERRORS, 'USER_NOT_FOUND')`. */
export function fail<T extends Record<string, ErrorSpec>>(catalogue: T, code: keyof T & string, details?: unknown, message?: string): AppError {
  const spec = catalogue[code];
  return new AppError(code, spec.status, message ?? spec.message, details);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  // Every answer names its request (the id in the server's log lines), so that a person who reports a
  // failure can quote it. The id is always the server's own: a client's X-Request-Id is not echoed.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (error.validation) {
      const unknown = error.validationContext === 'querystring' ? error.validation.find((v) => v.keyword === 'additionalProperties') : undefined;
      if (unknown) {
        const name = String((unknown.params as { additionalProperty?: unknown }).additionalProperty);
        const accepted = Object.keys((request.routeOptions.schema?.querystring as { properties?: object } | undefined)?.properties ?? {});
        const message = `Unknown query parameter "${name}". ${accepted.length ? `This address accepts: ${accepted.join(', ')}.` : 'This address takes no query parameters.'}`;
        return reply.status(400).send({ error: { code: 'UNKNOWN_PARAMETER', message, details: { parameter: name, accepted } } });
      }
      const first = error.validation[0];
      const field = (first?.instancePath || (first?.params as { missingProperty?: string })?.missingProperty || '').replace(/^\//, '');
      const message = field ? `${field.replace(/\//g, '.')} ${first?.message ?? 'is not valid'}.` : `The request is not valid: ${error.message}`;
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details: error.validation } });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: PLATFORM_ERRORS.RATE_LIMITED.message } });
    }
    const outage = databaseOutage(error);
    if (outage) {
      // A restart, a failover or a held lock: the transaction rolled back, the process stays up.
      request.log.warn({ err: error }, `database outage: ${outage}`);
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: { code: outage, message: PLATFORM_ERRORS[outage].message, requestId: String(request.id) } });
    }
    if (isUniqueViolation(error)) {
      return reply.status(409).send({ error: { code: 'CONFLICT', message: PLATFORM_ERRORS.CONFLICT.message } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type, body too large).
      const code = error.code?.startsWith('FST_') ? 'BAD_REQUEST' : (error.code ?? 'BAD_REQUEST');
      return reply.status(error.statusCode).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: PLATFORM_ERRORS.INTERNAL.message, requestId: String(request.id) } });
  });
});
