import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { INPUT_ERRORS } from '../../contracts/errors.js';
import { fail } from './errors.js';

export { INPUT_ERRORS } from '../../contracts/errors.js';

// C0 controls and DEL, except tab, line feed and carriage return, which text fields may hold.
// PostgreSQL cannot store NUL at all; the others are never meant and hide text from reviewers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// What a query-string integer or number may look like; "Infinity", "1e400" or 400 digits may not.
const INTEGER_TEXT = /^-?\d{1,15}$/;
const NUMBER_TEXT = /^-?\d{1,15}(\.\d{1,15})?$/;

interface PropertySchema {
  type?: string | string[];
  anyOf?: PropertySchema[];
}
interface QuerySchema {
  type?: string;
  properties?: Record<string, PropertySchema>;
  additionalProperties?: unknown;
}

function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * Refuses input that no route means to accept, before any route sees it:
 * - query parameters a route does not declare (a typo like `?q=` would otherwise return everyone);
 * - control characters anywhere in the path, query or body;
 * - numbers that are not finite, or query-string numbers written in any form but plain digits.
 * Each refusal is a 400 with a code naming what was wrong and where.
 */
export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isApiRoute(route.url)) return;
    const schema = (route.schema ??= {}) as { querystring?: QuerySchema };
    // Closed: a parameter the route does not declare fails validation (mapped to UNKNOWN_PARAMETER).
    schema.querystring = schema.querystring
      ? { ...schema.querystring, additionalProperties: false }
      : { type: 'object', properties: {}, additionalProperties: false };
  });

  app.addHook('preValidation', async (request) => {
    if (!isApiRoute(request.url)) return;
    refuseUnsafeValues(request.params, 'path');
    refuseUnsafeValues(request.query, 'query');
    refuseUnsafeValues(request.body, 'body');
    refuseUnwrittenNumbers(request);
  });

  // Ajv coerces the text "Infinity" (or 400 digits) in a body to Infinity and then lets it past
  // minimum and maximum: the numbers validation made are checked once more (text was checked above;
  // query numbers never reach Ajv unless written in plain digits).
  app.addHook('preHandler', async (request) => {
    if (!isApiRoute(request.url)) return;
    refuseUnsafeValues(request.body, 'body', false);
  });
});

/** `text`: also refuse control characters in strings and keys (false: numbers only). */
function refuseUnsafeValues(value: unknown, where: string, text = true): void {
  if (typeof value === 'string') {
    if (text && CONTROL.test(value))
      throw fail(INPUT_ERRORS, 'CONTROL_CHARACTER', { field: where }, `${where} contains a control character, which is not allowed.`);
    return;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw fail(INPUT_ERRORS, 'INVALID_NUMBER', { field: where }, `${where} is not a finite number.`);
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => refuseUnsafeValues(item, `${where}.${index}`, text));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (text) refuseUnsafeValues(key, `${where} key`);
      refuseUnsafeValues(item, `${where}.${key}`, text);
    }
  }
}

function acceptsType(schema: PropertySchema | undefined, type: string): boolean {
  if (!schema) return false;
  if (schema.anyOf) return schema.anyOf.some((s) => acceptsType(s, type));
  return Array.isArray(schema.type) ? schema.type.includes(type) : schema.type === type;
}

/** Query strings are text; Ajv would coerce "Infinity" or "1e400" to numbers no route can use. */
function refuseUnwrittenNumbers(request: FastifyRequest): void {
  const properties = (request.routeOptions.schema?.querystring as QuerySchema | undefined)?.properties ?? {};
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const [name, raw] of Object.entries(query)) {
    const schema = properties[name];
    const numeric = acceptsType(schema, 'integer') ? INTEGER_TEXT : acceptsType(schema, 'number') ? NUMBER_TEXT : null;
    if (!numeric || acceptsType(schema, 'string')) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (typeof value === 'string' && !numeric.test(value)) {
        const kind = numeric === INTEGER_TEXT ? 'a whole number' : 'a number';
        const got = value.slice(0, 40);
        throw fail(INPUT_ERRORS, 'INVALID_NUMBER', { field: name, value: got }, `${name} must be ${kind} written in digits (got "${got}").`);
      }
    }
  }
}
