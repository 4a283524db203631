import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: t.adminCookie } });
const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) =>
  t.app.inject({ method, url, headers: { cookie: t.adminCookie }, payload: payload as object });

const LIST_ROUTES = [
  '/api/users',
  '/api/users/export.csv',
  '/api/invitations',
  '/api/audit-events',
  '/api/workspaces',
  '/api/content-items',
  '/api/usage/inactive-users',
  '/api/users/{me}/history',
  '/api/users/{me}/activity',
  '/api/users/{me}/ownership/items',
];

describe('input no route means to accept', () => {
  it('should refuse a query parameter the address does not take, naming the ones it does', async () => {
    await t.createUser({ email: 'grace@acme.test', name: 'Grace Hopper' });
    // Before: ?q= was ignored and the whole organization came back.
    const res = await get('/api/users?q=grace');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNKNOWN_PARAMETER', details: { parameter: 'q' } });
    expect(res.json().error.message).toContain('search');
    expect((await get('/api/groups?page=2')).json().error.code).toBe('UNKNOWN_PARAMETER');
    expect((await get('/api/users?search=grace')).json().total).toBe(1);
  });

  it('should refuse limits that are not plain whole numbers on every list, and days out of range', async () => {
    for (const route of LIST_ROUTES) {
      const url = route.replace('{me}', t.org.adminUserId);
      for (const limit of ['Infinity', '1e400', '9'.repeat(400), '-Infinity', 'NaN']) {
        const res = await get(`${url}?limit=${limit}`);
        expect(res.statusCode, `${url}?limit=${limit}: ${res.body}`).toBe(400);
        expect(['INVALID_NUMBER', 'VALIDATION_FAILED', 'UNKNOWN_PARAMETER']).toContain(res.json().error.code);
      }
    }
    for (const url of [
      '/api/usage/overview?inactiveDays=100000000',
      '/api/usage/overview?inactiveDays=Infinity',
      '/api/usage/inactive-users?days=1e400',
      `/api/users/${t.org.adminUserId}/usage?days=1e400`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    }
  });

  it('should refuse a NUL or other control character in a search, a filter, an id or a name, on list, export and bulk', async () => {
    for (const url of [
      '/api/users?search=%00nul',
      '/api/users/export.csv?search=%00nul',
      '/api/users?roleId=a%00b',
      '/api/users?cursor=%00',
      '/api/users/a%00b',
      '/api/groups/%1Bx',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toBe('CONTROL_CHARACTER');
    }
    const bulk = await send('POST', '/api/users/bulk', { action: 'assign_role', roleId: t.org.roleIds.get('viewer'), filter: { search: '\u0000nul' } });
    expect(bulk.statusCode).toBe(400);
    expect(bulk.json().error.code).toBe('CONTROL_CHARACTER');
    const group = await send('POST', '/api/groups', { name: 'a\u0000b' });
    expect(group.statusCode).toBe(400);
    expect(group.json().error).toMatchObject({ code: 'CONTROL_CHARACTER', details: { field: 'body.name' } });
    expect((await get('/api/groups')).json().items ?? (await get('/api/groups')).json()).not.toContainEqual(expect.objectContaining({ name: 'a\u0000b' }));
  });

  it('should keep line breaks and tabs in text, which people do write', async () => {
    const res = await send('POST', '/api/groups', { name: 'Design', description: 'Product design.\nAlso:\tbrand.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().description).toBe('Product design.\nAlso:\tbrand.');
  });

  it('should take quotes and search operators in a search literally', async () => {
    await t.createUser({ email: 'dee@acme.test', name: 'Dara "Dee" O\'Neil' });
    await t.createUser({ email: 'near@acme.test', name: 'NEAR(a b) Corp' });
    await t.createUser({ email: 'plain@acme.test', name: 'Plain Person' });
    const names = async (search: string) => (await get(`/api/users?search=${encodeURIComponent(search)}`)).json().items.map((u: { name: string }) => u.name);
    expect(await names('"dee"')).toEqual(['Dara "Dee" O\'Neil']);
    expect(await names("o'neil")).toEqual(['Dara "Dee" O\'Neil']);
    expect(await names('NEAR(a b)')).toEqual(['NEAR(a b) Corp']);
    expect(await names('plain OR dara')).toEqual([]);
    expect(await names('pla*')).toEqual([]);
    expect(await names('%_\\')).toEqual([]);
  });

  it('should answer a malformed or over-long address in the API error form', async () => {
    const long = await get(`/api/users/${'x'.repeat(5000)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('PARAMETER_TOO_LONG');
    const bad = await get('/api/users/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_URL');
  });
});

describe('numbers in a body', () => {
  it('should refuse a number given as text that validation would turn into Infinity', async () => {
    // Before: 400 nines became Infinity, passed "maximum: 730", and the settings page then failed.
    // A JSON body is validated as sent (no coercion): text where a number belongs is refused as such.
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/usage/settings',
      headers: { cookie: t.adminCookie },
      payload: { retentionDays: '9'.repeat(400) },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const raw = await t.app.inject({
      method: 'PUT',
      url: '/api/usage/settings',
      headers: { cookie: t.adminCookie, 'content-type': 'application/json' },
      payload: '{"retentionDays":1e400}',
    });
    expect(raw.statusCode, raw.body).toBe(400);
    expect(raw.json().error.code).toBe('INVALID_NUMBER');
    const settings = await t.app.inject({ method: 'GET', url: '/api/usage/settings', headers: { cookie: t.adminCookie } });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().retentionDays).toBeLessThanOrEqual(730);
  });
});
