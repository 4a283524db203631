import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { databaseOutage } from '../db/database-errors.js';

/** Seconds a client should wait before retrying after a database outage (sent as Retry-After). */
const RETRY_AFTER_SECONDS = 2;

export interface ErrorSpec {
  status: number;
  message: string;
}

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

export const PLATFORM_ERRORS = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Sign in again.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  PASSKEY_ENROLLMENT_REQUIRED: { status: 403, message: 'Your organization requires a passkey. Add one in Account > Security to continue.' },
  PASSKEY_VERIFICATION_REQUIRED: { status: 403, message: 'Confirm it is you with your passkey to continue.' },
  STEP_UP_REQUIRED: { status: 403, message: 'Confirm it is you with your passkey: this action needs a passkey check within the last 10 minutes.' },
  CROSS_ORIGIN: { status: 403, message: 'This request came from another site and was refused.' },
  NOT_FOUND: { status: 404, message: 'Nothing was found at this address.' },
  CONFLICT: { status: 409, message: 'This conflicts with existing data.' },
  VERSION_CONFLICT: { status: 409, message: 'Someone else changed this meanwhile. Reload to see their change.' },
  REASON_REQUIRED: { status: 422, message: 'Your organization requires a business reason for this change.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was already used for a different request.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a minute and try again.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database cannot be reached right now. Nothing was changed; try again in a moment.' },
  DATABASE_BUSY: { status: 503, message: 'The database is busy right now. Nothing was changed; try again in a moment.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. The request id helps us find it.' },
} satisfies Record<string, ErrorSpec>;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
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
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ error: { code: outage, message: PLATFORM_ERRORS[outage].message, requestId: String(request.id) } });
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
