import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerItems, sampleItems, serviceToken } from '../../../../test/helpers/content.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let token: string;
beforeEach(async () => {
  t = await buildTestApp();
  token = await serviceToken(t);
});
afterEach(async () => t.close());

function service(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, bearer = token) {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

describe('ownership registry service API', () => {
  it('should upsert idempotently by externalId and replace collaborators when given', async () => {
    const owner = await t.createUser({ email: 'o@acme.test' });
    const collab = await t.createUser({ email: 'c@acme.test' });
    const batch = [
      ...sampleItems(owner),
      {
        externalId: 'shared',
        type: 'codraft' as const,
        title: 'Shared draft',
        ownerUserId: owner,
        collaborators: [{ userId: collab, role: 'editor' as const }],
      },
    ];
    const first = await service('PUT', '/api/service/content-items', { items: batch });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 10, updated: 0, unchanged: 0 });
    const again = await service('PUT', '/api/service/content-items', { items: batch });
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    expect(again.json().items.map((i: { id: string }) => i.id)).toEqual(first.json().items.map((i: { id: string }) => i.id));

    const changed = await service('PUT', '/api/service/content-items', {
      items: [{ externalId: 'shared', type: 'codraft', title: 'Shared draft', ownerUserId: null, collaborators: [{ userId: collab, role: 'viewer' }] }],
    });
    expect(changed.json()).toMatchObject({ updated: 1 });
    const listed = await service('GET', '/api/service/content-items?limit=200');
    const shared = listed.json().items.find((i: { externalId: string }) => i.externalId === 'shared');
    expect(shared).toMatchObject({ owner: null, collaboratorCount: 1 });

    const seats = await service('POST', '/api/service/content-items/collaborators', {
      add: [
        { externalId: 'x-sheet', userId: collab, role: 'editor' },
        { externalId: 'shared', userId: collab, role: 'viewer' },
      ],
      remove: [{ externalId: 'x-draft', userId: collab }],
    });
    expect(seats.json()).toEqual({ added: 1, updated: 0, removed: 0, unchanged: 2 });

    const removed = await service('POST', '/api/service/content-items/remove', { externalIds: ['shared', 'nope'] });
    expect(removed.json()).toEqual({ removed: 1, notFound: 1 });
    expect((await service('GET', '/api/service/content-items?limit=200')).json().items).toHaveLength(9);
  });

  it('should refuse unknown or foreign users, duplicates, bad input and missing tokens', async () => {
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const foreign = await service('PUT', '/api/service/content-items', {
      items: [{ externalId: 'a', type: 'codraft', title: 'A', ownerUserId: globex.adminUserId }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error).toMatchObject({ code: 'UNKNOWN_USER', details: { userIds: [globex.adminUserId] } });
    const dup = await service('PUT', '/api/service/content-items', {
      items: [
        { externalId: 'a', type: 'codraft', title: 'A', ownerUserId: null },
        { externalId: 'a', type: 'codraft', title: 'B', ownerUserId: null },
      ],
    });
    expect(dup.json().error.code).toBe('DUPLICATE_EXTERNAL_ID');
    const badType = await service('PUT', '/api/service/content-items', { items: [{ externalId: 'a', type: 'spreadsheet', title: 'A', ownerUserId: null }] });
    expect(badType.statusCode).toBe(400);
    const missing = await service('POST', '/api/service/content-items/collaborators', {
      add: [{ externalId: 'ghost', userId: t.org.adminUserId, role: 'editor' }],
    });
    expect(missing.json().error.code).toBe('CONTENT_ITEM_NOT_FOUND');
    expect((await service('GET', '/api/service/content-items', undefined, 'sst_invalid')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/service/content-items', headers: { cookie: t.adminCookie } })).statusCode).toBe(401);
  });

  it('should keep each organization’s registry to itself', async () => {
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const theirToken = await serviceToken(t, globex.adminCookie, 'globex-content');
    await registerItems(t, token, [{ externalId: 'same-id', type: 'codraft', title: 'Acme plan', ownerUserId: t.org.adminUserId }]);
    await registerItems(t, theirToken, [{ externalId: 'same-id', type: 'codraft', title: 'Globex plan', ownerUserId: globex.adminUserId }]);
    const ours = (await service('GET', '/api/service/content-items')).json().items;
    const theirs = (await service('GET', '/api/service/content-items', undefined, theirToken)).json().items;
    expect(ours.map((i: { title: string }) => i.title)).toEqual(['Acme plan']);
    expect(theirs.map((i: { title: string }) => i.title)).toEqual(['Globex plan']);
    const removed = await service('POST', '/api/service/content-items/remove', { externalIds: ['same-id'] }, theirToken);
    expect(removed.json().removed).toBe(1);
    expect((await service('GET', '/api/service/content-items')).json().items).toHaveLength(1);
    const console = await t.app.inject({ method: 'GET', url: '/api/content-items', headers: { cookie: t.adminCookie } });
    expect(console.json().items.map((i: { title: string }) => i.title)).toEqual(['Acme plan']);
  });
});
