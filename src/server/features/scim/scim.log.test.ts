// The provisioning log: each authenticated SCIM request, newest first, filterable by outcome,
// keyset-paged, bounded, without bodies, and only for its own organization.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { pruneScimRequests } from './scim.log.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

const log = (query = '', cookie = t.adminCookie) => t.app.inject({ method: 'GET', url: `/api/scim-requests${query}`, headers: { cookie } });

describe('the provisioning log', () => {
  it('should list each change and failure, newest first, and narrow to failures with their detail', async () => {
    const created = await scim.request('POST', '/Users', scimUser('ada@acme.test', { password: 'hunter2-secret' }));
    t.clock.advance(1000);
    await scim.request('GET', `/Users?filter=${encodeURIComponent('userName eq "ada@acme.test"')}`); // a successful read: not kept
    t.clock.advance(1000);
    await scim.request('GET', `/Users?filter=${encodeURIComponent('shoeSize gt 40')}`);
    t.clock.advance(1000);
    await scim.request('PATCH', `/Users/${created.json().id}`, { Operations: [{ op: 'explode' }] });
    t.clock.advance(1000);
    await scim.request('GET', '/Users/no-such-id');

    const all = await log();
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((i: { operation: string; status: number }) => `${i.operation} ${i.status}`)).toEqual([
      'get 404',
      'update 400',
      'list 400',
      'create 201',
    ]);
    expect(all.json().items[3]).toMatchObject({
      method: 'POST',
      path: '/scim/v2/Users',
      resourceType: 'User',
      resourceId: created.json().id,
      outcome: 'success',
      detail: null,
      token: { id: scim.tokenId, label: 'SCIM token “Okta”' },
    });
    expect(all.body).not.toContain('hunter2-secret');
    expect(all.body).not.toContain(scim.token);

    const failures = (await log('?outcome=failure')).json().items;
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({ resourceId: 'no-such-id', outcome: 'failure', detail: expect.stringContaining('No User no-such-id') });
    expect(failures[1].detail).toMatch(/^invalid/);
    expect(failures[2]).toMatchObject({ path: '/scim/v2/Users?filter=shoeSize%20gt%2040', detail: expect.stringContaining('invalidFilter') });
  });

  it('should page by keyset without skipping or repeating a request', async () => {
    for (let i = 0; i < 7; i++) {
      await scim.request('GET', `/Users/missing-${i}`);
      if (i % 2 === 0) t.clock.advance(1000); // some share a timestamp: the id breaks the tie
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await log(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await log('?cursor=garbage')).json().error.code).toBe('SCIM_LOG_CURSOR_INVALID');
  });

  it('should keep 30 days and at most the newest rows, per organization', async () => {
    await scim.request('POST', '/Users', scimUser('old@acme.test'));
    t.clock.advance(31 * 86_400_000);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      await scim.request('POST', '/Groups', { displayName: `Group ${i}` });
    }
    const removed = await pruneScimRequests(t.deps.db, t.org.organizationId, t.clock(), 3);
    expect(removed).toBe(2);
    // A month later the old console session has ended: sign in again.
    const items = (await log('', await t.signInAs(t.org.adminUserId))).json().items as { operation: string; resourceType: string }[];
    expect(items).toHaveLength(3);
    expect(items.every((i) => i.operation === 'create' && i.resourceType === 'Group')).toBe(true);
  });

  it('should show an organization only its own requests, and only to who manages provisioning', async () => {
    await scim.request('POST', '/Users', scimUser('ada@acme.test'));
    const other = await t.newOrganization('Other', 'boss@other.test');
    expect((await log('', other.adminCookie)).json().items).toEqual([]);
    const viewer = await t.createUser({ email: 'viewer@acme.test', roleKey: 'viewer' });
    expect((await log('', await t.signInAs(viewer))).statusCode).toBe(403);
  });
});
