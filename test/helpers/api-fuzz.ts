import type { FastifyInstance } from 'fastify';

/**
 * Schema-driven fuzzing of the HTTP API: walks `/api/openapi.json` and, for every operation, builds a
 * request that its schema accepts, then spoils one part of it (a path or query parameter, a body
 * field, or the whole body) in one of the ways in MUTATIONS. Values come from a seeded generator, so
 * a seed replays the same requests. Used by test/api/fuzz.test.ts (bounded) and bench/fuzz.ts (long).
 */

export const MUTATIONS = [
  'wrong-type',
  'nul',
  'control',
  'huge-string',
  'huge-number',
  'bad-cursor',
  'unknown-parameter',
  'search-syntax',
  'body-shape',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
}

interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
}

export interface FuzzRequest {
  operation: Operation;
  mutation: Mutation;
  /** Which part was spoiled: `path.id`, `query.limit`, `body.entries.0.email`, `body`. */
  target: string;
  method: string;
  url: string;
  payload?: string;
}

export interface FuzzResult {
  request: FuzzRequest;
  status: number;
  code: string | null;
}

/** Sample values a valid request is built from: ids of things that exist, so services are reached. */
export interface FuzzContext {
  anyId: string;
}

type OpenApiDocument = {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, unknown> };
};

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const inline = <T>(node: T): T => inlineRefs(node, doc.components?.schemas ?? {}, 0) as T;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: inline(spec.parameters ?? []),
        body: inline(spec.requestBody?.content['application/json']?.schema ?? null),
      });
    }
  }
  return operations;
}

/** The document names shared schemas once (`$ref: '#/components/schemas/X'`); requests are built from them inlined. */
function inlineRefs(node: unknown, schemas: Record<string, unknown>, depth: number): unknown {
  if (depth > 20 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, schemas, depth + 1));
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    return inlineRefs(schemas[ref.slice('#/components/schemas/'.length)], schemas, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineRefs(value, schemas, depth + 1)]));
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

const MEGABYTE = 'x'.repeat(1024 * 1024);
// Stand-ins replaced in the JSON text, for numbers JSON.stringify cannot write (1e400 parses to Infinity).
const RAW = '\u0000raw:';
const VALUES: Record<Exclude<Mutation, 'unknown-parameter' | 'body-shape'>, readonly unknown[]> = {
  'wrong-type': [123, -1, true, {}, [], null, ['a', 'b'], { $gt: '' }],
  nul: ['a\u0000b', '\u0000', 'admin@acme.test\u0000'],
  control: ['\u0001\u0002', '\u001b[31mred', 'a\u007fb', 'line\u2028break', '\ud800', 'tab\there', 'bell\u0007'],
  'huge-string': [MEGABYTE],
  'huge-number': [
    `${RAW}1e400`,
    `${RAW}-1e400`,
    `${RAW}${'9'.repeat(400)}`,
    `${RAW}1e-400`,
    `${RAW}9007199254740993`,
    `${RAW}-0`,
    'Infinity',
    'NaN',
    '1e400',
    '9'.repeat(400),
    '-1',
    '0',
    '1.5',
  ],
  'bad-cursor': ['!!!', 'e30', base64url('{"x":1}'), base64url('[1,2]'), base64url('{"v":"\u0000"}'), base64url('null'), 'a'.repeat(5000), '%00'],
  'search-syntax': ['"', 'a" OR "b', 'NEAR(a b)', '*', 'a AND', '^x', '-x', "'; DROP TABLE users; --", '%_\\', '{col}: x', '(((', 'a:b'],
};
const BODY_SHAPES = [
  'null',
  '[]',
  '"x"',
  '123',
  '{',
  '{"a":',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  `{"__proto__":{"polluted":true}}`,
];

/** Percent-encodes, writing a lone surrogate as the bytes of invalid UTF-8 a careless client sends. */
function encodePathSegment(value: string): string {
  return value
    .replace(/[\ud800-\udfff]/g, '\u0000surrogate')
    .split('\u0000surrogate')
    .map(encodeURIComponent)
    .join('%ED%A0%80');
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** A value the schema accepts, as plain as possible. */
function validValue(schema: Schema, name: string, context: FuzzContext): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return validValue(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], name, context);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => validValue(schema.items ?? {}, name, context));
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) object[key] = validValue(property, key, context);
      return object;
    }
    case 'string': {
      if (/email/i.test(name) || schema.format === 'email') return 'fuzz@acme.test';
      if (/id$|ids$/i.test(name)) return context.anyId;
      if (/url/i.test(name)) return 'https://example.com/hook';
      return 'fuzz'.padEnd(schema.minLength ?? 0, 'z');
    }
    default:
      return 'fuzz';
  }
}

/** Every leaf of a body value, as paths: ['entries', 0, 'email']. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...path, i])) : [path];
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length ? keys.flatMap((k) => leaves((value as Record<string, unknown>)[k], [...path, k])) : [path];
  }
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

function encodeJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

/** One request for `operation`, spoiled by `mutation`. */
export function fuzzRequest(operation: Operation, mutation: Mutation, random: () => number, context: FuzzContext): FuzzRequest {
  const params = new Map(operation.parameters.map((p) => [`${p.in}.${p.name}`, String(validValue(p.schema, p.name, context))]));
  let body = operation.body ? validValue(operation.body, 'body', context) : undefined;
  let rawBody: string | undefined;
  const extraQuery: [string, string][] = [];

  const slots = [...params.keys(), ...(body === undefined ? [] : leaves(body).map((p) => ['body', ...p].join('.')))];
  const preferred = (pattern: RegExp) => slots.filter((s) => pattern.test(s));
  let target = 'query.zzFuzz';
  if (mutation === 'unknown-parameter') {
    extraQuery.push(['zzFuzz', '1']);
  } else if (mutation === 'body-shape' || slots.length === 0) {
    target = 'body';
    rawBody = pick(random, BODY_SHAPES);
  } else {
    const candidates =
      mutation === 'bad-cursor'
        ? preferred(/cursor$/)
        : mutation === 'search-syntax'
          ? preferred(/search|name|q$/i)
          : mutation === 'huge-number'
            ? preferred(/limit|days|Days|version|expiry/i)
            : [];
    target = pick(random, candidates.length ? candidates : slots);
    const value = pick(random, VALUES[mutation]);
    if (target.startsWith('body')) {
      body = setAt(
        body,
        target
          .split('.')
          .slice(1)
          .map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
        value,
      );
    } else if (Array.isArray(value)) {
      // A parameter given twice: ?search=a&search=b.
      params.delete(target);
      for (const v of value) extraQuery.push([target.slice('query.'.length), String(v)]);
    } else {
      params.set(target, typeof value === 'string' ? value.replace(RAW, '') : JSON.stringify(value));
    }
  }

  let path = operation.path;
  const query = new URLSearchParams();
  for (const [key, value] of params) {
    const [where, name] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
    if (where === 'path') path = path.replace(`{${name}}`, encodePathSegment(value));
    else query.append(name, value);
  }
  for (const [name, value] of extraQuery) query.append(name, value);
  const search = query.toString();
  const payload = rawBody ?? (body === undefined ? undefined : encodeJson(body));
  return {
    operation,
    mutation,
    target,
    method: operation.method,
    url: search ? `${path}?${search}` : path,
    payload: operation.method === 'GET' ? undefined : payload,
  };
}

/**
 * Sends `rounds` requests for every operation × mutation (or the mutations given) and returns what came back. `headers` gives
 * the credentials (a session cookie and a service token: each route reads the one it takes); when a
 * request is refused as unauthenticated, `renew` is called and the request sent once more.
 */
export async function fuzz(
  app: FastifyInstance,
  options: {
    seed: number;
    rounds: number;
    /** The spoils to send (all of them when absent). */
    mutations?: readonly Mutation[];
    context: FuzzContext;
    headers(): Record<string, string>;
    renew(): Promise<void>;
  },
): Promise<FuzzResult[]> {
  const random = seededRandom(options.seed);
  const operations = operationsOf((await app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
  const results: FuzzResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const operation of operations) {
      for (const mutation of options.mutations ?? MUTATIONS) {
        const request = fuzzRequest(operation, mutation, random, options.context);
        const send = () =>
          app.inject({
            method: request.method as 'GET',
            url: request.url,
            headers: { ...options.headers(), ...(request.payload === undefined ? {} : { 'content-type': 'application/json' }) },
            payload: request.payload,
          });
        let response = await send();
        if (response.statusCode === 401) {
          // An earlier request ended the session (sign-out, revoke): sign in again and resend.
          await options.renew();
          response = await send();
        }
        let code: string | null = null;
        try {
          const parsed = response.json<{ error?: { code?: unknown } }>();
          code = typeof parsed.error?.code === 'string' ? parsed.error.code : null;
        } catch {
          code = null;
        }
        results.push({ request, status: response.statusCode, code });
      }
    }
  }
  return results;
}

/** Status → count, sorted by status. */
export function histogram(results: FuzzResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of [...results].sort((a, b) => a.status - b.status)) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** What a reader needs to replay one request by hand. */
export function describeResult(r: FuzzResult): string {
  const payload =
    r.request.payload === undefined
      ? ''
      : ` body ${r.request.payload.length > 120 ? `${r.request.payload.slice(0, 120)}… (${r.request.payload.length} chars)` : r.request.payload}`;
  const url = r.request.url.length > 160 ? `${r.request.url.slice(0, 160)}… (${r.request.url.length} chars)` : r.request.url;
  return `${r.status} ${r.code ?? '(no code)'} ← ${r.request.method} ${url} [${r.request.mutation} at ${r.request.target}]${payload}`;
}
