import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

/**
 * A User manager may manage people whose access is within their own, and nobody else: acting on a
 * user whose effective permissions are not a subset of the actor's is refused on every path.
 */
let t: TestApp;
let manager: string;
let roleIds: Map<string, string>;

beforeEach(async () => {
  t = await buildTestApp();
  manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
  const roles = await t.deps.db.selectFrom('roles').select(['id', 'system_key']).where('organization_id', '=', t.org.organizationId).execute();
  roleIds = new Map(roles.map((r) => [r.system_key!, r.id]));
});
afterEach(async () => t.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });

async function stateOf(userId: string) {
  const user = await t.deps.db.selectFrom('users').select(['role_id', 'status', 'version']).where('id', '=', userId).executeTakeFirstOrThrow();
  const groups = await t.deps.db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  const sessions = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  return { ...user, groups: groups.length, sessions: sessions.length };
}

function expectOutranked(res: { statusCode: number; body: string; json: () => any }, what: string) {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(403);
  expect(res.json().error.code, what).toBe('TARGET_OUTRANKS_ACTOR');
  expect(res.json().error.message, what).toContain('admin@acme.test');
}

describe('acting on someone who outranks you', () => {
  it('should refuse a User manager every change to an Admin, and change nothing', async () => {
    const admin = t.org.adminUserId;
    const group = (await call(t.adminCookie, 'POST', '/api/groups', { name: 'Leads' })).json();
    const before = await stateOf(admin);

    expectOutranked(await call(manager, 'PUT', `/api/users/${admin}/role`, { roleId: roleIds.get('member') }), 'role');
    expectOutranked(await call(manager, 'PUT', `/api/users/${admin}/groups`, { groupIds: [group.id] }), 'groups');
    expectOutranked(await call(manager, 'POST', `/api/groups/${group.id}/members`, { userIds: [admin] }), 'group members');
    expectOutranked(await call(manager, 'POST', `/api/users/${admin}/sign-out-everywhere`, {}), 'sessions');
    expectOutranked(await call(manager, 'POST', `/api/users/${admin}/deactivate`, {}), 'deactivate');
    const plan = { plan: { ownership: {}, collaborators: {} }, policyAcknowledged: true, confirmEmail: 'admin@acme.test' };
    expectOutranked(await call(manager, 'POST', `/api/users/${admin}/delete`, plan), 'delete');
    expectOutranked(await call(manager, 'POST', `/api/users/${admin}/delete`, { ...plan, dryRun: true }), 'delete preview');

    expect(await stateOf(admin)).toEqual(before);
  });

  it('should skip the Admin in bulk changes with the reason, and apply the rest', async () => {
    const member = await t.createUser({ email: 'm@acme.test', roleKey: 'member' });
    const group = (await call(t.adminCookie, 'POST', '/api/groups', { name: 'Leads' })).json();
    const role = await call(manager, 'POST', '/api/users/bulk', { action: 'assign_role', roleId: roleIds.get('viewer'), userIds: [t.org.adminUserId, member] });
    expect(role.statusCode, role.body).toBe(200);
    expect(role.json()).toMatchObject({ matched: 2, changed: 1, skipped: [{ userId: t.org.adminUserId, code: 'TARGET_OUTRANKS_ACTOR' }] });
    const grouped = await call(manager, 'POST', '/api/users/bulk', { action: 'add_to_group', groupId: group.id, userIds: [t.org.adminUserId, member] });
    expect(grouped.json()).toMatchObject({ matched: 2, changed: 1, skipped: [{ userId: t.org.adminUserId, code: 'TARGET_OUTRANKS_ACTOR' }] });
    expect((await stateOf(t.org.adminUserId)).role_id).toBe(roleIds.get('admin'));
    expect(await stateOf(member)).toMatchObject({ role_id: roleIds.get('viewer'), groups: 1 });
  });

  it('should refuse renewing, resending or revoking the invitation of someone invited as Admin', async () => {
    const invited = await call(t.adminCookie, 'POST', '/api/invitations', { entries: [{ email: 'boss@acme.test' }], roleId: roleIds.get('admin') });
    expect(invited.json().results[0].outcome).toBe('invited');
    const renewed = await call(manager, 'POST', '/api/invitations', { entries: [{ email: 'boss@acme.test' }] });
    expect(renewed.json().results[0]).toMatchObject({ outcome: 'rejected', code: 'TARGET_OUTRANKS_ACTOR' });
    const invitation = (await call(t.adminCookie, 'GET', '/api/invitations')).json().items.find((i: { email: string }) => i.email === 'boss@acme.test');
    expect((await call(manager, 'POST', `/api/invitations/${invitation.id}/resend`, {})).json().error.code).toBe('TARGET_OUTRANKS_ACTOR');
    expect((await call(manager, 'POST', `/api/invitations/${invitation.id}/revoke`, {})).json().error.code).toBe('TARGET_OUTRANKS_ACTOR');
    const after = (await call(t.adminCookie, 'GET', '/api/invitations')).json().items.find((i: { email: string }) => i.email === 'boss@acme.test');
    expect(after).toMatchObject({ status: 'pending', sentCount: 1, role: { id: roleIds.get('admin') } });
  });

  it('should refuse reactivating or restoring an Admin, and let a User manager do all of it to a Member', async () => {
    const otherAdmin = await t.createUser({ email: 'admin2@acme.test', roleKey: 'admin' });
    expect((await call(t.adminCookie, 'POST', `/api/users/${otherAdmin}/deactivate`, {})).statusCode).toBe(200);
    expect((await call(manager, 'POST', `/api/users/${otherAdmin}/reactivate`, {})).json().error.code).toBe('TARGET_OUTRANKS_ACTOR');
    const deleted = await call(t.adminCookie, 'POST', `/api/users/${otherAdmin}/delete`, {
      plan: { ownership: {}, collaborators: {} },
      policyAcknowledged: true,
      confirmEmail: 'admin2@acme.test',
      reason: 'Left',
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await call(manager, 'POST', `/api/users/${otherAdmin}/restore`, {})).json().error.code).toBe('TARGET_OUTRANKS_ACTOR');
    expect((await stateOf(otherAdmin)).status).toBe('deleted');

    const member = await t.createUser({ email: 'm@acme.test', roleKey: 'member' });
    expect((await call(manager, 'PUT', `/api/users/${member}/role`, { roleId: roleIds.get('viewer') })).statusCode).toBe(200);
    expect((await call(manager, 'POST', `/api/users/${member}/sign-out-everywhere`, {})).statusCode).toBe(200);
    expect((await call(manager, 'POST', `/api/users/${member}/deactivate`, {})).statusCode).toBe(200);
    expect((await call(manager, 'POST', `/api/users/${member}/reactivate`, {})).statusCode).toBe(200);
  });
});

describe('the default role', () => {
  it('should let a User manager invite with the default role', async () => {
    const res = await call(manager, 'POST', '/api/invitations', { entries: [{ email: 'new@acme.test' }] });
    expect(res.json().results[0]).toMatchObject({ outcome: 'invited', message: 'Invitation sent to new@acme.test as Member.' });
  });

  it('should refuse a role that can invite but could not give the default role, naming what it lacks', async () => {
    const res = await call(t.adminCookie, 'POST', '/api/roles', {
      name: 'Recruiter',
      permissions: ['users.view', 'users.invite', 'workspaces.view'],
      ownerUserId: t.org.adminUserId,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'DEFAULT_ROLE_NOT_GRANTABLE',
      details: { missing: ['workspaces.edit', 'integrations.connect', 'workspaces.create_shared', 'orchestrations.share'], defaultRole: 'Member' },
    });
    const fine = await call(t.adminCookie, 'POST', '/api/roles', {
      name: 'Recruiter',
      permissions: [
        'users.view',
        'users.invite',
        'workspaces.view',
        'workspaces.edit',
        'integrations.connect',
        'workspaces.create_shared',
        'orchestrations.share',
      ],
      ownerUserId: t.org.adminUserId,
    });
    expect(fine.statusCode, fine.body).toBe(201);
  });
});
