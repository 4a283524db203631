import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createSession } from '../auth/auth.service.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const roleId = (key: string) => t.org.roleIds.get(key)!;
const detail = async (id: string, cookie = t.adminCookie) => (await t.app.inject({ method: 'GET', url: `/api/users/${id}`, headers: { cookie } })).json();
const changeRole = (id: string, payload: object, cookie = t.adminCookie) =>
  t.app.inject({ method: 'PUT', url: `/api/users/${id}/role`, headers: { cookie }, payload });

describe('changing a role', () => {
  it('should change the role, bump the version, and audit actor, reason, before and after', async () => {
    const id = await t.createUser({ email: 'bob@acme.test', roleKey: 'viewer' });
    const before = await detail(id);
    const res = await changeRole(id, { roleId: roleId('publisher'), reason: 'Publishes the quarterly templates', version: before.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: { name: 'Publisher' }, version: before.version + 1 });
    const history = (await t.app.inject({ method: 'GET', url: `/api/users/${id}/history`, headers: { cookie: t.adminCookie } })).json();
    expect(history.items[0]).toMatchObject({
      action: 'user.role_changed',
      category: 'access',
      reason: 'Publishes the quarterly templates',
      actor: { id: t.org.adminUserId },
      before: { role: { name: 'Viewer' } },
      after: { role: { name: 'Publisher' } },
    });
  });

  it('should answer 409 with the current state when someone changed the user meanwhile', async () => {
    const id = await t.createUser({ email: 'bob@acme.test', roleKey: 'viewer' });
    const stale = (await detail(id)).version;
    await changeRole(id, { roleId: roleId('member'), version: stale });
    const res = await changeRole(id, { roleId: roleId('publisher'), version: stale });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: stale + 1, current: { roleId: roleId('member') } } });
    expect((await detail(id)).role.name).toBe('Member');
  });

  it('should not let anyone change their own role', async () => {
    const res = await changeRole(t.org.adminUserId, { roleId: roleId('member') });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SELF_ROLE_CHANGE');
  });

  it('should not let a user manager grant a role with permissions they lack', async () => {
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    const id = await t.createUser({ email: 'bob@acme.test' });
    const res = await changeRole(id, { roleId: roleId('admin') }, manager);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ROLE_ESCALATION');
    expect(res.json().error.message).toContain('Create and edit roles');
    expect((await detail(id)).role.name).toBe('Member');
  });

  it('should keep the last user who can manage users and roles', async () => {
    const second = await t.createUser({ email: 'admin2@acme.test', roleKey: 'admin' });
    const secondCookie = await t.signInAs(second);
    expect((await changeRole(t.org.adminUserId, { roleId: roleId('member') }, secondCookie)).statusCode).toBe(200);
    // Now `second` is the only admin; nobody else may demote them, and they cannot demote themselves.
    const third = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    const res = await changeRole(second, { roleId: roleId('viewer') }, third);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('TARGET_OUTRANKS_ACTOR');
    expect((await changeRole(second, { roleId: roleId('viewer') }, secondCookie)).json().error.code).toBe('SELF_ROLE_CHANGE');
    expect((await detail(second, secondCookie)).role.name).toBe('Admin');
  });

  it('should refuse an unknown role or user with 404 and a member with 403', async () => {
    const id = await t.createUser({ email: 'bob@acme.test' });
    expect((await changeRole(id, { roleId: 'nope' })).json().error.code).toBe('ROLE_NOT_FOUND');
    expect((await changeRole('nope', { roleId: roleId('member') })).json().error.code).toBe('USER_NOT_FOUND');
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await changeRole(id, { roleId: roleId('viewer') }, member)).statusCode).toBe(403);
  });

  it('should apply a role change to the holder on their next request', async () => {
    const id = await t.createUser({ email: 'bob@acme.test', roleKey: 'user_manager' });
    const bob = await t.signInAs(id);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: bob } })).statusCode).toBe(200);
    await changeRole(id, { roleId: roleId('member') });
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: bob } })).statusCode).toBe(403);
  });

  it('should not reach a user of another organization', async () => {
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const res = await changeRole(other.adminUserId, { roleId: roleId('member') });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/users/${other.adminUserId}`, headers: { cookie: t.adminCookie } })).statusCode).toBe(404);
  });
});

describe('changing groups', () => {
  it('should replace the groups, audit the names, and reject unknown groups without a partial change', async () => {
    const id = await t.createUser({ email: 'bob@acme.test' });
    const mk = async (name: string) =>
      (await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name } })).json().id as string;
    const [a, b] = [await mk('Finance'), await mk('Legal')];
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${id}/groups`,
      headers: { cookie: t.adminCookie },
      payload: { groupIds: [a, b], reason: 'Joins both teams' },
    });
    expect(ok.json().groups.map((g: { name: string }) => g.name)).toEqual(['Finance', 'Legal']);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${id}/groups`,
      headers: { cookie: t.adminCookie },
      payload: { groupIds: [a, 'missing'] },
    });
    expect(bad.statusCode).toBe(404);
    expect((await detail(id)).groups).toHaveLength(2);
    const history = (await t.app.inject({ method: 'GET', url: `/api/users/${id}/history`, headers: { cookie: t.adminCookie } })).json();
    expect(history.items[0]).toMatchObject({ action: 'user.groups_changed', before: { groups: [] }, after: { groups: ['Finance', 'Legal'] } });
  });
});

describe('bulk actions', () => {
  it('should assign a role to all users matching a filter, skipping the actor with a reason', async () => {
    for (const n of [1, 2, 3]) await t.createUser({ email: `v${n}@acme.test`, roleKey: 'viewer' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'assign_role', roleId: roleId('member'), filter: { roleId: roleId('viewer') }, reason: 'Pilot ended' },
    });
    expect(res.json()).toMatchObject({ matched: 3, changed: 3, skipped: [] });
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'assign_role', roleId: roleId('member'), filter: {} },
    });
    expect(all.json().skipped.map((s: { code: string }) => s.code)).toEqual(['SELF_ROLE_CHANGE']);
  });

  it('should add and remove group members for selected users', async () => {
    const ids = [await t.createUser({ email: 'a@acme.test' }), await t.createUser({ email: 'b@acme.test' })];
    const group = (await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name: 'Pilot' } })).json();
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'add_to_group', groupId: group.id, userIds: ids },
    });
    expect(add.json().changed).toBe(2);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'add_to_group', groupId: group.id, userIds: ids },
    });
    expect(again.json().changed).toBe(0);
    const remove = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'remove_from_group', groupId: group.id, userIds: [ids[0]] },
    });
    expect(remove.json().changed).toBe(1);
  });

  it('should refuse a bulk action without a target or without its role', async () => {
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'assign_role', roleId: roleId('member') },
    });
    expect(none.json().error.code).toBe('BULK_TARGET_REQUIRED');
    const noRole = await t.app.inject({
      method: 'POST',
      url: '/api/users/bulk',
      headers: { cookie: t.adminCookie },
      payload: { action: 'assign_role', userIds: ['x'] },
    });
    expect(noRole.json().error.code).toBe('BULK_ROLE_REQUIRED');
  });
});

describe('user details', () => {
  it('should compute the checklist from data and never pass what it cannot know', async () => {
    const id = await t.createUser({ email: 'bob@acme.test' });
    const items = (await detail(id)).checklist as { key: string; state: string; fix?: { href: string } }[];
    const state = Object.fromEntries(items.map((i) => [i.key, i.state]));
    // No Workspace yet: both Workspace items say so (offboarding/workspaces made them real).
    expect(state).toMatchObject({ role: 'ok', group: 'attention', sign_in: 'attention', workspaces: 'attention', first_workspace: 'attention' });
    expect(items.find((i) => i.key === 'group')!.fix!.href).toBe(`/admin/users/${id}#groups`);
    expect(items.filter((i) => i.state === 'not_available').map((i) => i.key)).toEqual([]);
    expect(state.passkey).toBe('ok'); // a Member without a passkey, and no policy requires one
  });

  it('should list active sessions and end them all with sign out everywhere', async () => {
    const id = await t.createUser({ email: 'bob@acme.test' });
    const bob = await t.signInAs(id);
    const row = await t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const chromeOnMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
    await createSession(t.deps.db, t.deps, row, 'passkey', { ip: '10.0.0.7', userAgent: chromeOnMac });
    // Each session says what it is, named as Account security names the signed-in user's own.
    expect((await detail(id)).sessions.map((s: { device: string }) => s.device).sort()).toEqual(['Chrome on macOS', 'vitest']);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/users/${id}/sign-out-everywhere`,
      headers: { cookie: t.adminCookie },
      payload: { reason: 'Lost laptop' },
    });
    expect(res.json()).toEqual({ revoked: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: bob } })).statusCode).toBe(401);
    expect((await detail(id)).sessions).toHaveLength(0);
  });
});
