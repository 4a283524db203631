// What the identity provider owns (name, email, active status) the console does not change: the
// server refuses the console's Deactivate and Reactivate for a provisioned person with a code, while
// the identity provider's own `active` still works; once the provider lets go (DELETE), it is the console's again.
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

const consoleAction = (id: string, action: 'deactivate' | 'reactivate') =>
  t.app.inject({ method: 'POST', url: `/api/users/${id}/${action}`, headers: { cookie: t.adminCookie }, payload: {} });
const statusOf = async (id: string) => (await t.deps.db.selectFrom('users').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('fields the identity provider owns', () => {
  it('should refuse the console’s Deactivate and Reactivate for a provisioned person, and show who provisions them', async () => {
    const id = (await scim.request('POST', '/Users', scimUser('ada@acme.test'))).json().id as string;
    const detail = await t.app.inject({ method: 'GET', url: `/api/users/${id}`, headers: { cookie: t.adminCookie } });
    expect(detail.json().provisionedBy).toBe('SCIM token “Okta”');

    const refused = await consoleAction(id, 'deactivate');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'MANAGED_BY_IDENTITY_PROVIDER', message: expect.stringContaining('SCIM token “Okta”') });
    expect(await statusOf(id)).toBe('active');

    expect((await scim.request('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false }))).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('deactivated');
    expect((await consoleAction(id, 'reactivate')).json().error.code).toBe('MANAGED_BY_IDENTITY_PROVIDER');
    expect(await statusOf(id)).toBe('deactivated');
  });

  it('should leave people managed in the console to the console', async () => {
    const id = await t.createUser({ email: 'local@acme.test' });
    expect((await consoleAction(id, 'deactivate')).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('deactivated');
  });

  it('should give the status back to the console once the identity provider deletes someone left for an ownership review', async () => {
    const id = (await scim.request('POST', '/Users', scimUser('owner@acme.test'))).json().id as string;
    await registerItems(t, await serviceToken(t), sampleItems(id));
    expect((await scim.request('DELETE', `/Users/${id}`)).headers['x-sofie-outcome']).toBe('deactivated_for_review');
    const reactivated = await consoleAction(id, 'reactivate');
    expect(reactivated.statusCode, reactivated.body).toBe(200);
    expect(await statusOf(id)).toBe('active');
  });
});
