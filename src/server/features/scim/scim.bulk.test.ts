// /Bulk (RFC 7644 §3.7): the RFC's own example (a User and a Group naming it by bulkId), failOnErrors,
// a bulkId named before it exists, the stated limits, and the product's rules holding per operation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, PATCH_OP, scimClient, scimUser, USER_SCHEMA, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) => scim.request('POST', '/Bulk', { schemas: [BULK], Operations, ...extra });

describe('/Bulk', () => {
  it('should run the RFC’s example: a User, then a Group whose member is that User by bulkId', async () => {
    const res = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'qwerty', data: { schemas: [USER_SCHEMA], userName: 'Alice@acme.test' } },
      {
        method: 'POST',
        path: '/Groups',
        bulkId: 'ytrewq',
        data: { schemas: [GROUP_SCHEMA], displayName: 'Tour Guides', members: [{ type: 'User', value: 'bulkId:qwerty' }] },
      },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const [user, group] = res.json().Operations;
    expect(user).toMatchObject({ method: 'POST', bulkId: 'qwerty', status: '201', location: expect.stringContaining('/scim/v2/Users/') });
    expect(group).toMatchObject({ method: 'POST', bulkId: 'ytrewq', status: '201', version: expect.any(String) });
    const groupId = group.location.split('/').pop();
    const userId = user.location.split('/').pop();
    expect((await scim.request('GET', `/Groups/${groupId}`)).json().members).toEqual([expect.objectContaining({ value: userId })]);
    // Each operation is audited as its own request would be, with the token as actor.
    const audited = await t.deps.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label'])
      .where('action', 'in', ['scim.user.created', 'scim.group.created'])
      .execute();
    expect(audited).toHaveLength(2);
    expect(audited.every((a) => a.actor_label === 'SCIM token “Okta”')).toBe(true);
  });

  it('should update and delete by path, carry on past an error, and report each operation’s outcome', async () => {
    const id = (await scim.request('POST', '/Users', scimUser('bob@acme.test'))).json().id;
    const res = await bulk([
      { method: 'PATCH', path: `/Users/${id}`, data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Robert' }] } },
      { method: 'POST', path: '/Users', data: { userName: 'no-address' } },
      { method: 'PUT', path: '/Users/does-not-exist', data: scimUser('x@acme.test') },
      { method: 'DELETE', path: `/Users/${id}` },
    ]);
    expect(res.json().Operations.map((o: { status: string }) => o.status)).toEqual(['200', '400', '404', '204']);
    expect(res.json().Operations[1].response).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim.request('GET', `/Users/${id}`)).statusCode).toBe(404);
    const log = await t.app.inject({ method: 'GET', url: '/api/scim-requests?outcome=warning', headers: { cookie: t.adminCookie } });
    expect(log.json().items[0]).toMatchObject({ operation: 'bulk', status: 200, detail: expect.stringContaining('does-not-exist') });
  });

  it('should stop after failOnErrors errors, and refuse a bulkId no earlier operation created', async () => {
    const res = await bulk(
      [
        { method: 'POST', path: '/Groups', data: { displayName: 'G', members: [{ value: 'bulkId:later' }] } },
        { method: 'POST', path: '/Users', bulkId: 'later', data: scimUser('late@acme.test') },
        { method: 'POST', path: '/Users', data: scimUser('never@acme.test') },
      ],
      { failOnErrors: 1 },
    );
    expect(res.json().Operations).toHaveLength(1);
    expect(res.json().Operations[0]).toMatchObject({ status: '400', response: { detail: expect.stringContaining('bulkId:later') } });
    expect((await scim.request('GET', '/Users')).json().totalResults).toBe(0);
  });

  it('should state its limits and refuse more operations than it takes', async () => {
    const config = (await scim.request('GET', '/ServiceProviderConfig')).json();
    expect(config.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 5 * 1024 * 1024 });
    const tooMany = await bulk(Array.from({ length: 1001 }, () => ({ method: 'DELETE', path: '/Users/x' })));
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ status: '413', scimType: 'tooMany' });
  });
});
