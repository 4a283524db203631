// The product's rules hold for provisioning: linking instead of duplicating, the offboarding rules on
// DELETE, the last-administrator guardrail, audit with the token as actor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerItems, sampleItems, serviceToken } from '../../../../test/helpers/content.js';
import { patch, scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

async function userRow(id: string) {
  return t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
/** Events of one transaction share a timestamp, so their order in the list is not theirs to rely on: find by action. */
async function event(action: string) {
  return (await actions()).find((a) => a.action === action);
}
async function actions() {
  const res = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie: t.adminCookie } });
  return res.json().items as { action: string; actor: { label: string } | null; reason: string | null }[];
}

describe('an address that already has an account', () => {
  it('should link a console user instead of creating a second account, and say so', async () => {
    const existing = await t.createUser({ email: 'grace@acme.test', name: 'Grace', roleKey: 'viewer' });
    const res = await scim.request(
      'POST',
      '/Users',
      scimUser('grace.hopper', { emails: [{ value: 'Grace@acme.test', type: 'work', primary: true }], displayName: 'Grace Hopper' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().id).toBe(existing);
    expect(res.headers['x-sofie-linked-existing']).toBe('account');
    const row = await userRow(existing);
    expect(row).toMatchObject({ name: 'Grace Hopper', provisioned_by: 'SCIM token “Okta”' });
    // The role a console administrator gave is kept: provisioning does not grant or take roles.
    const role = await t.deps.db.selectFrom('roles').select('system_key').where('id', '=', row.role_id).executeTakeFirstOrThrow();
    expect(role.system_key).toBe('viewer');
    const linked = await event('scim.user.linked');
    expect(linked).toMatchObject({ action: 'scim.user.linked', actor: { label: 'SCIM token “Okta”' } });
    expect(linked?.reason).toContain('already had an account');
    expect(await t.deps.db.selectFrom('users').select('id').where('email_normalized', '=', 'grace@acme.test').execute()).toHaveLength(1);
  });

  it('should link and activate the account of a pending invitation', async () => {
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie: t.adminCookie },
      payload: { entries: [{ email: 'linus@acme.test' }] },
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const res = await scim.request('POST', '/Users', scimUser('linus@acme.test'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['x-sofie-linked-existing']).toBe('invitation');
    expect((await userRow(res.json().id)).status).toBe('active');
    expect(res.json().active).toBe(true);
  });
});

describe('DELETE by the offboarding rules', () => {
  it('should delete someone who owns nothing, as the delete wizard does (a restorable tombstone)', async () => {
    const id = (await scim.request('POST', '/Users', scimUser('temp@acme.test'))).json().id;
    const res = await scim.request('DELETE', `/Users/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.headers['x-sofie-outcome']).toBe('deleted');
    expect((await userRow(id)).status).toBe('deleted');
    expect((await actions()).map((a) => a.action)).toContain('user.deleted');
    // The same person provisioned again is a new account, not a clash with the tombstone.
    expect((await scim.request('POST', '/Users', scimUser('temp@acme.test'))).statusCode).toBe(201);
  });

  it('should deactivate someone who owns content and leave them for an ownership review, not delete their work', async () => {
    const id = (await scim.request('POST', '/Users', scimUser('owner@acme.test'))).json().id;
    await registerItems(t, await serviceToken(t), sampleItems(id));
    const res = await scim.request('DELETE', `/Users/${id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.headers['x-sofie-outcome']).toBe('deactivated_for_review');
    expect((await userRow(id)).status).toBe('deactivated');
    expect((await scim.request('GET', `/Users/${id}`)).statusCode).toBe(404);
    const owned = await t.deps.db.selectFrom('content_items').select('owner_user_id').where('owner_user_id', '=', id).execute();
    expect(owned).toHaveLength(9);
    const review = await t.app.inject({ method: 'GET', url: `/api/users/${id}/ownership/items`, headers: { cookie: t.adminCookie } });
    expect(review.statusCode, review.body).toBe(200);
    expect(JSON.stringify(review.json())).toContain('Onboarding emails');
    const deferred = await event('scim.user.delete_deferred');
    expect(deferred).toMatchObject({ action: 'scim.user.delete_deferred', actor: { label: 'SCIM token “Okta”' } });
    // Provisioned again later: linked back to the same account and reactivated.
    const again = await scim.request('POST', '/Users', scimUser('owner@acme.test'));
    expect(again.json()).toMatchObject({ id, active: true });
  });
});

describe('guardrails', () => {
  it('should refuse to deactivate the last administrator, whatever the identity provider says', async () => {
    const admin = await scim.request('POST', '/Users', scimUser('admin@acme.test'));
    expect(admin.json().id).toBe(t.org.adminUserId);
    const res = await scim.request('PATCH', `/Users/${t.org.adminUserId}`, patch({ op: 'replace', value: { active: false } }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ status: '409', detail: expect.any(String) });
    expect((await userRow(t.org.adminUserId)).status).toBe('active');
  });

  it('should stop a token whose creator is no longer an active user', async () => {
    const second = await t.createUser({ email: 'second-admin@acme.test', roleKey: 'admin' });
    const theirs = await scimClient(t, await t.signInAs(second), 'Entra');
    expect((await theirs.request('GET', '/Users')).statusCode).toBe(200);
    await t.deps.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', second).execute();
    const res = await theirs.request('GET', '/Users');
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('no longer active');
  });
});

describe('filters and pages', () => {
  beforeEach(async () => {
    for (const [userName, given, family, externalId] of [
      ['bjensen@example.com', 'Barbara', 'Jensen', 'e1'],
      ['jsmith@example.org', 'John', "O'Malley", 'e2'],
      ['jdoe@example.com', 'Jane', 'Doe', null],
    ]) {
      const res = await scim.request(
        'POST',
        '/Users',
        scimUser(userName!, { name: { givenName: given, familyName: family }, ...(externalId ? { externalId } : {}) }),
      );
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  const names = async (filter: string) =>
    ((await scim.request('GET', `/Users?filter=${encodeURIComponent(filter)}`)).json().Resources as { userName: string }[]).map((r) => r.userName).sort();

  it.each([
    ['userName eq "BJENSEN@example.com"', ['bjensen@example.com']],
    ['name.familyName co "O\'Malley"', ['jsmith@example.org']],
    ['userName sw "J"', ['jdoe@example.com', 'jsmith@example.org']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', ['jdoe@example.com', 'jsmith@example.org']],
    ['userName ew ".ORG"', ['jsmith@example.org']],
    ['externalId pr', ['bjensen@example.com', 'jsmith@example.org']],
    ['not (externalId pr)', ['jdoe@example.com']],
    ['externalId ne "e1"', ['jdoe@example.com', 'jsmith@example.org']],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['bjensen@example.com', 'jdoe@example.com', 'jsmith@example.org']],
    ['meta.created lt "2011-05-13T04:42:34Z"', []],
    ['emails co "example.com" or emails.value co "example.org"', ['bjensen@example.com', 'jdoe@example.com', 'jsmith@example.org']],
    ['active eq true and not (emails co "example.com" or emails.value co "example.org")', []],
    ['emails[type eq "work" and value co "@example.com"]', ['bjensen@example.com', 'jdoe@example.com']],
    ['(name.givenName eq "jane" or name.givenName eq "JOHN") and emails.type eq "work"', ['jdoe@example.com', 'jsmith@example.org']],
    ['displayName co "ara je"', ['bjensen@example.com']],
  ])('%s', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('should page with startIndex and count, reporting totalResults and itemsPerPage', async () => {
    const page = (await scim.request('GET', '/Users?startIndex=2&count=1')).json();
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect((await scim.request('GET', '/Users?count=0')).json()).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await scim.request('GET', '/Users?startIndex=9')).json()).toMatchObject({ totalResults: 3, itemsPerPage: 0 });
    const projected = (await scim.request('GET', '/Users?attributes=userName&count=1')).json().Resources[0];
    expect(Object.keys(projected).sort()).toEqual(['id', 'meta', 'schemas', 'userName']);
    const searched = await scim.request('POST', '/Users/.search', { filter: 'userName sw "b"', startIndex: 1, count: 10 });
    expect(searched.json().totalResults).toBe(1);
  });
});
