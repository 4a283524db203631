import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

const require = createRequire(import.meta.url);
type Compile = (route: { schema: unknown; httpPart?: string; httpStatus?: string }) => unknown;
type Factory = (externalSchemas: unknown, options: unknown) => Compile;
const ValidatorSelector = require('@fastify/ajv-compiler') as () => Factory;
const SerializerSelector = require('@fastify/fast-json-stringify-compiler') as () => Factory;

/**
 * Compiling the route schemas (Ajv validators, fast-json-stringify serializers) is nearly all the cost
 * of starting an app: ~100 routes, about half a second. The result depends only on the schema and the
 * compiler options, so it is kept per process by content: every app built after the first (each test
 * builds one) reuses it. Compiled functions are pure, so sharing them between apps is safe.
 */
function memoized(factory: Factory): Factory {
  const compiled = new Map<string, unknown>();
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    const context = JSON.stringify([externalSchemas, options]);
    return (route) => {
      const key = `${context}|${route.httpPart ?? route.httpStatus ?? ''}|${JSON.stringify(route.schema)}`;
      let fn = compiled.get(key);
      if (fn === undefined) {
        fn = compile(route);
        compiled.set(key, fn);
      }
      return fn;
    };
  };
}

/**
 * Query strings, path parameters and headers arrive as text, so their validator coerces ("5" → 5,
 * one value → an array). A JSON body already has its types: coercing it would turn a null sent for
 * `string | null` into "" (Ajv tries the string branch first), so a body is validated as sent.
 */
function bodyAsSent(factory: Factory): Factory {
  return (externalSchemas, options) => {
    const coercing = factory(externalSchemas, options);
    const given = (options ?? {}) as { customOptions?: Record<string, unknown> };
    const exact = factory(externalSchemas, { ...given, customOptions: { ...given.customOptions, coerceTypes: false } });
    return (route) => (route.httpPart === 'body' ? exact(route) : coercing(route));
  };
}

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

export const schemaCompilers = {
  buildValidator: memoized(bodyAsSent(ValidatorSelector())),
  buildSerializer: memoized(SerializerSelector()),
} as unknown as CompilersFactory;
