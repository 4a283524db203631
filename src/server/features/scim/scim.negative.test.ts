// What /scim/v2 refuses, and that every refusal is an RFC 7644 §3.12 error body.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patch, scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp({ config: { scimRequestsPerMinute: 40 } });
  scim = await scimClient(t);
});
afterEach(async () => t.close());

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const q = (filter: string) => encodeURIComponent(filter);

function expectScimError(res: { statusCode: number; json(): unknown; headers: Record<string, unknown> }, status: number, scimType?: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/scim+json');
  const body = res.json() as Record<string, unknown>;
  expect(body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
  if (scimType) expect(body.scimType).toBe(scimType);
}

describe('SCIM authentication', () => {
  it('should answer 401 without a token, with a wrong one, a service token, a session cookie or a revoked one', async () => {
    expectScimError(await t.app.inject({ method: 'GET', url: '/scim/v2/Users' }), 401);
    expectScimError(await t.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { authorization: 'Bearer scim_nope' } }), 401);
    expectScimError(await t.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { cookie: t.adminCookie } }), 401);
    const service = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: t.adminCookie }, payload: { name: 'svc' } });
    expectScimError(await t.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { authorization: `Bearer ${service.json().token}` } }), 401);
    expect((await scim.request('GET', '/Users')).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/api/scim-tokens/${scim.tokenId}`, headers: { cookie: t.adminCookie } });
    expectScimError(await scim.request('GET', '/Users'), 401);
  });

  it('should answer 403 saying so while SCIM is turned off, and show the token’s last use in the console', async () => {
    await scim.request('GET', '/ServiceProviderConfig');
    const listed = await t.app.inject({ method: 'GET', url: '/api/scim-tokens', headers: { cookie: t.adminCookie } });
    expect(listed.json()).toMatchObject({
      enabled: true,
      baseUrl: 'http://localhost:3000/scim/v2',
      items: [{ label: 'Okta', lastUsedAt: t.clock().toISOString() }],
    });
    expect(JSON.stringify(listed.json())).not.toContain(scim.token);
    await t.app.inject({ method: 'PUT', url: '/api/scim-settings', headers: { cookie: t.adminCookie }, payload: { enabled: false } });
    const refused = await scim.request('GET', '/Users');
    expectScimError(refused, 403);
    expect(refused.json().detail).toContain('turned off');
  });

  it('should not let a member manage SCIM tokens', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await t.app.inject({ method: 'POST', url: '/api/scim-tokens', headers: { cookie: member }, payload: { label: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/scim-tokens', headers: { cookie: member } })).statusCode).toBe(403);
  });

  it('should answer 429 with Retry-After once a token passes its rate limit', async () => {
    let last = await scim.request('GET', '/ServiceProviderConfig');
    for (let i = 0; i < 45 && last.statusCode !== 429; i++) last = await scim.request('GET', '/ServiceProviderConfig');
    expectScimError(last, 429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('discovery', () => {
  it('should state the real limits and describe the schemas and resource types, each by id', async () => {
    const config = (await scim.request('GET', '/ServiceProviderConfig')).json();
    expect(config).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 5 * 1024 * 1024 },
      filter: { supported: true, maxResults: 200 },
      etag: { supported: true },
      sort: { supported: true },
    });
    expect(config.authenticationSchemes[0].description).toContain('40 requests per minute');
    const schemas = (await scim.request('GET', '/Schemas')).json();
    expect(schemas.Resources.map((r: { id: string }) => r.id)).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
    expect((await scim.request('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group')).json().name).toBe('Group');
    const types = (await scim.request('GET', '/ResourceTypes')).json();
    expect(types).toMatchObject({
      totalResults: 2,
      Resources: [
        { id: 'User', endpoint: '/Users' },
        { id: 'Group', endpoint: '/Groups' },
      ],
    });
    expect((await scim.request('GET', '/ResourceTypes/User')).json().schemaExtensions).toEqual([
      { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false },
    ]);
    expectScimError(await scim.request('GET', '/ResourceTypes/Robot'), 404);
  });
});

describe('another organization', () => {
  it('should answer 404 for its users and groups, and never list them', async () => {
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const theirs = await scimClient(t, other.adminCookie, 'Globex Okta');
    const user = (await theirs.request('POST', '/Users', scimUser('hank@globex.test'))).json();
    const group = (await theirs.request('POST', '/Groups', { displayName: 'Globex staff', members: [{ value: user.id }] })).json();
    expectScimError(await scim.request('GET', `/Users/${user.id}`), 404);
    expectScimError(await scim.request('PATCH', `/Users/${user.id}`, patch({ op: 'replace', value: { active: false } })), 404);
    expectScimError(await scim.request('DELETE', `/Users/${user.id}`), 404);
    expectScimError(await scim.request('GET', `/Groups/${group.id}`), 404);
    expectScimError(await scim.request('PUT', `/Groups/${group.id}`, { displayName: 'mine now' }), 404);
    expect((await scim.request('GET', '/Users')).json().totalResults).toBe(0);
    expect((await scim.request('GET', `/Users?filter=${q('userName eq "hank@globex.test"')}`)).json().totalResults).toBe(0);
    // Nor may our group take their user as a member.
    const ours = (await scim.request('POST', '/Groups', { displayName: 'Ours' })).json();
    expectScimError(await scim.request('PATCH', `/Groups/${ours.id}`, patch({ op: 'add', path: 'members', value: [{ value: user.id }] })), 400, 'invalidValue');
  });
});

describe('bad requests', () => {
  it.each([
    ['userName eq', 'a filter that ends early'],
    ['userName eq "a" or', 'a dangling or'],
    ['x509Certificates pr', 'an attribute this server does not filter on'],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:secretClearance eq "x"', 'an extension attribute it does not know'],
    ['urn:example:params:scim:schemas:extension:custom:2.0:User:badge eq "x"', 'an extension it does not know'],
    ['active gt true', 'an ordering on a boolean'],
    ['meta.created gt "yesterday"', 'a date that is not one'],
  ])('should answer 400 invalidFilter to %j (%s)', async (filter) => {
    expectScimError(await scim.request('GET', `/Users?filter=${q(filter)}`), 400, 'invalidFilter');
  });

  it('should answer malformed PATCH bodies and JSON with 400 and the right scimType', async () => {
    const id = (await scim.request('POST', '/Users', scimUser('p@acme.test'))).json().id;
    expectScimError(await scim.request('PATCH', `/Users/${id}`, { Operations: [] }), 400, 'invalidSyntax');
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'jump', path: 'active' })), 400, 'invalidSyntax');
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'remove' })), 400, 'noTarget');
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'emails[type', value: 'x' })), 400, 'invalidPath');
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'id', value: 'x' })), 400, 'mutability');
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: 'maybe' })), 400, 'invalidValue');
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'remove', path: 'userName' })), 400, 'invalidValue');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/scim+json' },
      payload: '{"userName":',
    });
    expectScimError(broken, 400, 'invalidSyntax');
    expectScimError(await scim.request('POST', '/Users', { userName: 'no-address' }), 400, 'invalidValue');
    expectScimError(await scim.request('GET', `/Users/${'x'.repeat(80)}`), 404);
    expectScimError(await scim.request('GET', '/Nothing'), 404);
    expectScimError(await scim.request('POST', '/Bulk', { Operations: 'all of them' }), 400, 'invalidSyntax');
  });

  it('should refuse control characters (which PostgreSQL cannot store) with a 4xx, never a 500', async () => {
    expectScimError(await scim.request('GET', `/Users?filter=${q('userName eq "a\u0000b"')}`), 400, 'invalidFilter');
    expectScimError(await scim.request('GET', '/Users/a%00b'), 404);
    expectScimError(await scim.request('POST', '/Users', scimUser('nul@acme.test', { displayName: 'a\u0000b' })), 400, 'invalidValue');
    expectScimError(await scim.request('POST', '/Groups', { displayName: 'a\u0000b' }), 400, 'invalidValue');
    expectScimError(await scim.request('POST', '/Groups', { displayName: 'ok', members: [{ value: 'a\u0000b' }] }), 400, 'invalidValue');
    const stored = await scim.request('POST', '/Users', scimUser('nick@acme.test', { nickName: 'a\u0000b' }));
    expect(stored.statusCode, stored.body).toBe(201);
  });

  it('should refuse an oversized body with 413', async () => {
    const res = await scim.request('POST', '/Users', scimUser('big@acme.test', { nickName: 'x'.repeat(6 * 1024 * 1024) }));
    expectScimError(res, 413);
  });

  it('should answer a stale If-Match with 412 and a current If-None-Match with 304', async () => {
    const created = await scim.request('POST', '/Users', scimUser('e@acme.test'));
    const { id, meta } = created.json();
    expect((await scim.request('GET', `/Users/${id}`, undefined, { 'if-none-match': meta.version })).statusCode).toBe(304);
    const first = await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'CTO' }), { 'if-match': meta.version });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().meta.version).not.toBe(meta.version);
    expectScimError(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'CEO' }), { 'if-match': meta.version }), 412);
    expectScimError(await scim.request('DELETE', `/Users/${id}`, undefined, { 'if-match': meta.version }), 412);
  });

  it('should create one user when a client retries a POST in parallel, and answer the others 409', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => scim.request('POST', '/Users', scimUser('race@acme.test'))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().scimType).toBe('uniqueness');
  });

  it('should keep userName, externalId and addresses unique in the organization (409 uniqueness)', async () => {
    await scim.request('POST', '/Users', scimUser('u1@acme.test', { externalId: 'ext-1' }));
    const second = (await scim.request('POST', '/Users', scimUser('u2@acme.test'))).json();
    expectScimError(
      await scim.request('POST', '/Users', scimUser('U1@ACME.test', { emails: [{ value: 'other@acme.test', primary: true }] })),
      409,
      'uniqueness',
    );
    expectScimError(await scim.request('POST', '/Users', scimUser('u3@acme.test', { externalId: 'ext-1' })), 409, 'uniqueness');
    expectScimError(await scim.request('POST', '/Users', scimUser('u9@acme.test', { emails: [{ value: 'u2@acme.test', primary: true }] })), 409, 'uniqueness');
    expectScimError(await scim.request('PATCH', `/Users/${second.id}`, patch({ op: 'replace', path: 'userName', value: 'u1@acme.test' })), 409, 'uniqueness');
    expectScimError(
      await scim.request('PATCH', `/Users/${second.id}`, patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'u1@acme.test' })),
      409,
      'uniqueness',
    );
  });
});
