// The request sequences Okta and Microsoft Entra ID send (from their SCIM 2.0 provisioning guides),
// replayed against the server: create, update, deactivate, group push, membership changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTERPRISE, GROUP_SCHEMA, patch, scimClient, USER_SCHEMA, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

const q = (filter: string) => encodeURIComponent(filter);

async function statusOf(id: string) {
  return (await t.deps.db.selectFrom('users').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

describe('Okta’s provisioning sequence', () => {
  it('should create, update, deactivate and reactivate a user, push a group and change its members', async () => {
    const lookup = await scim.request('GET', `/Users?filter=${q('userName eq "dade.murphy@acme.test"')}&startIndex=1&count=100`);
    expect(lookup.json()).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.request('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'dade.murphy@acme.test',
      name: { givenName: 'Dade', familyName: 'Murphy' },
      emails: [{ primary: true, value: 'dade.murphy@acme.test', type: 'work' }],
      displayName: 'Dade Murphy',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).not.toHaveProperty('password');

    const fetched = await scim.request('GET', `/Users/${id}`);
    expect(fetched.json()).toMatchObject({ id, userName: 'dade.murphy@acme.test', locale: 'en-US', active: true });

    const put = await scim.request('PUT', `/Users/${id}`, {
      ...fetched.json<object>(),
      name: { givenName: 'Crash', familyName: 'Override' },
      displayName: 'Crash Override',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ displayName: 'Crash Override', name: { givenName: 'Crash', familyName: 'Override' } });

    const session = await t.signInAs(id);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(200);
    const deactivated = await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { active: false } }));
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json().active).toBe(false);
    expect(await statusOf(id)).toBe('deactivated');
    // As the console's Deactivate: the session ends at once.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(401);

    const reactivated = await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { active: true } }));
    expect(reactivated.json().active).toBe(true);
    expect(await statusOf(id)).toBe('active');

    const group = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [] });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json().id as string;
    const renamed = await scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'replace', value: { id: groupId, displayName: 'Engineering EU' } }));
    expect(renamed.statusCode, renamed.body).toBe(204);
    const added = await scim.request(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'add', path: 'members', value: [{ value: id, display: 'dade.murphy@acme.test' }] }),
    );
    expect(added.statusCode, added.body).toBe(204);
    expect((await scim.request('GET', `/Groups/${groupId}`)).json()).toMatchObject({
      displayName: 'Engineering EU',
      members: [{ value: id, display: 'Crash Override' }],
    });
    expect((await scim.request('GET', `/Users/${id}`)).json().groups).toEqual([
      { value: groupId, display: 'Engineering EU', $ref: expect.stringContaining(groupId) },
    ]);

    const removed = await scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'remove', path: `members[value eq "${id}"]` }));
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await scim.request('GET', `/Groups/${groupId}`)).json().members).toEqual([]);
    // A group is a cohort: it granted nothing, so the role is still the default one.
    const role = await t.deps.db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.role_id')
      .select('roles.system_key')
      .where('users.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(role.system_key).toBe('member');
  });
});

describe('Microsoft Entra ID’s provisioning sequence', () => {
  it('should create with the enterprise extension, patch by value paths with capitalised ops and "False", and push a group', async () => {
    const userName = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
    expect((await scim.request('GET', `/Users?filter=${q(`userName eq "${userName}"`)}`)).json().totalResults).toBe(0);
    const created = await scim.request('POST', '/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: 'mgr-1' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ displayName: 'givenName familyName', [ENTERPRISE]: { employeeNumber: '701984', manager: { value: 'mgr-1' } } });
    const byExternalId = await scim.request('GET', `/Users?filter=${q('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`);
    expect(byExternalId.json().Resources.map((r: { id: string }) => r.id)).toEqual([id]);

    const updated = await scim.request(
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Finance' },
      ),
    );
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }],
      name: { familyName: 'updatedFamilyName' },
    });
    expect(updated.json()[ENTERPRISE].department).toBe('Finance');
    const byEmail = await scim.request('GET', `/Users?filter=${q('emails[type eq "work"].value eq "UPDATEDEMAIL@microsoft.com"')}`);
    expect(byEmail.json().totalResults).toBe(1);

    const disabled = await scim.request('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(disabled.json().active).toBe(false);
    expect(await statusOf(id)).toBe('deactivated');

    const group = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json().id as string;
    const found = await scim.request('GET', `/Groups?excludedAttributes=members&filter=${q('displayName eq "displayName"')}`);
    expect(found.json().Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    expect(found.json().Resources[0].id).toBe(groupId);

    expect((await scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'Add', path: 'members', value: [{ value: id }] }))).statusCode).toBe(204);
    const member = await scim.request('GET', `/Groups?filter=${q(`id eq "${groupId}" and members[value eq "${id}"]`)}&excludedAttributes=members`);
    expect(member.json().totalResults).toBe(1);
    expect((await scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'Remove', path: 'members', value: [{ value: id }] }))).statusCode).toBe(204);
    expect((await scim.request('GET', `/Groups?filter=${q(`id eq "${groupId}" and members[value eq "${id}"]`)}`)).json().totalResults).toBe(0);

    expect((await scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'Replace', path: 'displayName', value: 'Renamed' }))).statusCode).toBe(204);
    expect((await scim.request('DELETE', `/Groups/${groupId}`)).statusCode).toBe(204);
    expect((await scim.request('GET', `/Groups/${groupId}`)).statusCode).toBe(404);
    expect((await scim.request('DELETE', `/Users/${id}`)).statusCode).toBe(204);
    expect((await scim.request('GET', `/Users/${id}`)).statusCode).toBe(404);
  });
});
