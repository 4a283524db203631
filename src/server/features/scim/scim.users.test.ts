import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTERPRISE, scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

describe('SCIM Users', () => {
  it('should create a user with the default role, return meta and an ETag, and find it by userName case-insensitively', async () => {
    const created = await scim.request(
      'POST',
      '/Users',
      scimUser('ada@acme.test', { externalId: 'okta-1', [ENTERPRISE]: { department: 'Math', employeeNumber: '7' } }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers['content-type']).toContain('application/scim+json');
    const user = created.json();
    expect(user).toMatchObject({
      userName: 'ada@acme.test',
      externalId: 'okta-1',
      active: true,
      displayName: 'Ada Lovelace',
      [ENTERPRISE]: { department: 'Math' },
    });
    expect(user.meta).toMatchObject({ resourceType: 'User', location: `http://localhost:3000/scim/v2/Users/${user.id}` });
    expect(created.headers.etag).toBe(user.meta.version);
    expect(created.headers.location).toBe(user.meta.location);

    const found = await scim.request('GET', `/Users?filter=${encodeURIComponent('userName eq "ADA@acme.test"')}`);
    expect(found.json()).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id: user.id }] });
    const row = await t.deps.db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .select(['roles.system_key', 'users.status', 'users.provisioned_by'])
      .where('users.id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ system_key: 'member', status: 'active', provisioned_by: 'SCIM token “Okta”' });
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie: t.adminCookie } });
    const createdEvent = audit.json().items.find((e: { action: string }) => e.action === 'scim.user.created');
    expect(createdEvent).toMatchObject({ actor: { label: 'SCIM token “Okta”' } });
  });
});
