import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorKey, errorText } from '../../src/web/shared/errorText.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Errors whose sentence the server builds from the request: each comes with the details the
 * console's catalogue sentence needs, and the console words it from the catalogue (not the
 * server's English) in the same words.
 */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function refusal(method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: unknown, contentType?: string) {
  const headers: Record<string, string> = { cookie: t.adminCookie };
  if (contentType) headers['content-type'] = contentType;
  const res = await t.app.inject({ method, url, headers, payload: payload as string });
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  return res.json().error as { code: string; message: string; details?: unknown };
}

function expectWorded(error: { code: string; message: string; details?: unknown }, key: string) {
  expect(errorKey(error.code, error.message, error.details), error.message).toBe(key);
  expect(errorText(error.code, error.message, error.details)).toBe(error.message);
}

describe('server-built error sentences in the console’s words', () => {
  it('should send what a number given as text or as Infinity needs to be worded', async () => {
    const text = await refusal('GET', '/api/users?limit=abc');
    expect(text).toMatchObject({ code: 'INVALID_NUMBER', details: { field: 'limit', value: 'abc' } });
    expectWorded(text, 'error.INVALID_NUMBER.details.wholeNumberText');
    const infinite = await refusal('PUT', '/api/usage/settings', '{"retentionDays":1e400}', 'application/json');
    expect(infinite.code).toBe('INVALID_NUMBER');
    expectWorded(infinite, 'error.INVALID_NUMBER.details.notFinite');
  });

  it('should word the refusal to change a deleted user’s role', async () => {
    const gone = await t.createUser({ email: 'gone@acme.test' });
    await t.deps.db.updateTable('users').set({ status: 'deleted' }).where('id', '=', gone).execute();
    const error = await refusal('PUT', `/api/users/${gone}/role`, { roleId: t.org.roleIds.get('admin') });
    expect(error.code).toBe('USER_DELETED');
    expectWorded(error, 'error.USER_DELETED.details.role');
  });

  it('should word a refused allowed email domain with the domain named', async () => {
    const error = await refusal('PATCH', '/api/organization/settings', { allowedEmailDomains: ['not a domain'] });
    expect(error).toMatchObject({ code: 'INVALID_DOMAIN', details: { domain: 'not a domain' } });
    expectWorded(error, 'error.INVALID_DOMAIN.details');
  });
});
