import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { CONTRACT_MODULES } from './contract-modules.js';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string; in?: string }> };
}

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await buildTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<Document>();
});
afterAll(async () => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ at: `${method.toUpperCase()} ${path}`, operation })),
  );

describe('the OpenAPI document', () => {
  it('should take its named schemas from every contract file', () => {
    const files = readdirSync(new URL('../../contracts/', import.meta.url)).filter((file) => /\.ts$/.test(file) && !/\.(test|d)\.ts$/.test(file));
    expect(Object.keys(CONTRACT_MODULES).sort()).toEqual(files.sort());
    expect(doc.components.schemas).toHaveProperty('Error');
  });

  // A route added later without these fails here, with its address: add `operationId` to its schema,
  // and a description to its success schema (or platform/openapi-descriptions.ts for a named one).
  it('should give every operation a unique operationId', () => {
    const missing = operations()
      .filter(({ operation }) => !operation.operationId)
      .map(({ at }) => at);
    expect(missing).toEqual([]);
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('should describe every response of every operation', () => {
    const undescribed = operations().flatMap(({ at, operation }) =>
      Object.entries(operation.responses)
        .filter(([, response]) => !response.description || response.description === 'Default Response')
        .map(([status]) => `${at} ${status}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('should define the error body once and refer to it from every error answer', () => {
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
    const inlined = operations().flatMap(({ at, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => Number(status) >= 400 && response.content?.['application/json']?.schema.$ref !== '#/components/schemas/Error')
        .map(([status]) => `${at} ${status}`),
    );
    expect(inlined).toEqual([]);
    expect(doc.paths['/api/users/{id}'].get.responses['200'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/UserDetail' });
  });

  it('should say how each operation authenticates', () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes.serviceToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/users'].get.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/usage/events'].post.security).toEqual([{ serviceToken: [] }]);
    expect(doc.paths['/api/auth/magic-link'].post.security).toEqual([]);
    for (const { at, operation } of operations()) expect(operation.security, at).toBeDefined();
  });

  it('should document the Idempotency-Key header where it is honoured, and the server', () => {
    for (const [path, method] of [
      ['/api/invitations', 'post'],
      ['/api/users/bulk', 'post'],
    ] as const) {
      expect(doc.paths[path][method].parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
    }
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'http://localhost:3000' })]);
  });
});

describe('a known address with the wrong method', () => {
  it('should answer 405 with Allow listing the methods the address takes', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/users/some-id', headers: { cookie: t.adminCookie } });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json().error.code).toBe('METHOD_NOT_ALLOWED');

    const accept = await t.app.inject({ method: 'GET', url: '/api/invitations/accept' });
    expect(accept.statusCode).toBe(405);
    expect(accept.headers.allow).toBe('POST');

    const groups = await t.app.inject({ method: 'PUT', url: '/api/groups/g1', headers: { cookie: t.adminCookie } });
    expect(groups.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('should still answer 404 for an address no route has', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });
});
