import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = t.adminCookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('groups', () => {
  it('should page the list by name, with a cursor to the next', async () => {
    for (const name of ['Gamma', 'Alpha', 'Beta']) expect((await call('POST', '/api/groups', { name })).statusCode).toBe(201);
    const first = (await call('GET', '/api/groups?limit=2')).json();
    expect(first.items.map((g: { name: string }) => g.name)).toEqual(['Alpha', 'Beta']);
    const second = (await call('GET', `/api/groups?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ items: [{ name: 'Gamma' }], nextCursor: null });
    expect((await call('GET', '/api/groups')).json().items).toHaveLength(3);
    expect((await call('GET', '/api/groups?limit=201')).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/api/groups?cursor=not-a-cursor')).json().error.code).toBe('INVALID_CURSOR');
  });

  it('should answer 50 a page unless asked for more, like every other list, and say so in the API document', async () => {
    const now = t.clock().toISOString();
    const names = Array.from({ length: 51 }, (_, i) => `Group ${String(i).padStart(2, '0')}`);
    await t.deps.db
      .insertInto('groups')
      .values(
        names.map((name, i) => ({
          id: `group-${i}`,
          organization_id: t.org.organizationId,
          name,
          name_normalized: name.toLowerCase(),
          description: '',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const first = (await call('GET', '/api/groups')).json();
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    expect((await call('GET', `/api/groups?cursor=${first.nextCursor}`)).json()).toMatchObject({ items: [{ name: 'Group 50' }], nextCursor: null });
    expect((await call('GET', '/api/groups?limit=200')).json().items).toHaveLength(51);
    const document = (await call('GET', '/api/openapi.json')).json();
    const limit = document.paths['/api/groups'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ default: 50, maximum: 200 });
  });

  it('should create, rename, add and remove members, and warn against sprawl', async () => {
    const created = await call('POST', '/api/groups', { name: 'Project Atlas', description: 'Migration cohort' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ hints: ['No members: add people or delete the group.'], hintCodes: ['no_members'] });

    const [a, b] = [await t.createUser({ email: 'a@acme.test', name: 'Ann' }), await t.createUser({ email: 'b@acme.test', name: 'Ben' })];
    expect((await call('POST', `/api/groups/${id}/members`, { userIds: [a] })).json()).toMatchObject({
      memberCount: 1,
      hints: [expect.stringContaining('Only one member')],
      hintCodes: ['one_member'],
    });
    const both = (await call('POST', `/api/groups/${id}/members`, { userIds: [a, b] })).json();
    expect(both).toMatchObject({ memberCount: 2, hints: [], hintCodes: [] });
    expect(both.members.map((m: { name: string }) => m.name)).toEqual(['Ann', 'Ben']);

    const renamed = await call('PATCH', `/api/groups/${id}`, { name: 'Atlas cohort' });
    expect(renamed.json().name).toBe('Atlas cohort');
    expect((await call('POST', `/api/groups/${id}/members/remove`, { userIds: [a] })).json().memberCount).toBe(1);

    const list = (await call('GET', '/api/groups')).json().items;
    expect(list).toEqual([expect.objectContaining({ name: 'Atlas cohort', memberCount: 1 })]);
  });

  it('should refuse a duplicate name case-insensitively and an empty name', async () => {
    await call('POST', '/api/groups', { name: 'Legal' });
    const dup = await call('POST', '/api/groups', { name: '  LEGAL ' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'GROUP_NAME_TAKEN', message: 'A group named "Legal" already exists.' });
    const empty = await call('POST', '/api/groups', { name: '   ' });
    expect(empty.json().error.code).toBe('GROUP_NAME_REQUIRED');
  });

  it('should delete a group without touching its members’ accounts, and audit it', async () => {
    const id = (await call('POST', '/api/groups', { name: 'Temp' })).json().id;
    const a = await t.createUser({ email: 'a@acme.test' });
    await call('POST', `/api/groups/${id}/members`, { userIds: [a] });
    expect((await call('DELETE', `/api/groups/${id}?reason=Project%20ended`)).statusCode).toBe(200);
    expect((await call('GET', `/api/groups/${id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/users/${a}`)).json()).toMatchObject({ status: 'active', groups: [] });
    const events = (await call('GET', '/api/audit-events?category=admin')).json().items;
    expect(events[0]).toMatchObject({ action: 'group.deleted', reason: 'Project ended', before: { name: 'Temp', members: 1 } });
  });

  it('should refuse members from another organization and keep groups private to their organization', async () => {
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const id = (await call('POST', '/api/groups', { name: 'Mine' })).json().id;
    const res = await call('POST', `/api/groups/${id}/members`, { userIds: [other.adminUserId] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USERS_NOT_FOUND');
    expect((await call('GET', `/api/groups/${id}`, undefined, other.adminCookie)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/groups/${id}`, undefined, other.adminCookie)).statusCode).toBe(404);
  });

  it('should not let a member create groups', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await call('POST', '/api/groups', { name: 'X' }, member)).statusCode).toBe(403);
  });
});
