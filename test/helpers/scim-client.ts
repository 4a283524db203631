import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './test-app.js';

export interface ScimClient {
  token: string;
  tokenId: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Turns SCIM on for the organization of `cookie` and creates a token through the console's API. */
export async function scimClient(t: TestApp, cookie = t.adminCookie, label = 'Okta'): Promise<ScimClient> {
  const enabled = await t.app.inject({ method: 'PUT', url: '/api/scim-settings', headers: { cookie }, payload: { enabled: true } });
  expect(enabled.statusCode, enabled.body).toBe(200);
  const created = await t.app.inject({ method: 'POST', url: '/api/scim-tokens', headers: { cookie }, payload: { label } });
  expect(created.statusCode, created.body).toBe(201);
  const { token, id } = created.json();
  return {
    token,
    tokenId: id,
    request: (method, path, body, headers = {}) =>
      t.app.inject({
        method,
        url: `/scim/v2${path}`,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      }),
  };
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function scimUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Ada', familyName: 'Lovelace' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    active: true,
    ...extra,
  };
}

export function patch(...operations: unknown[]) {
  return { schemas: [PATCH_OP], Operations: operations };
}
