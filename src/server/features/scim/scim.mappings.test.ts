// Group-to-role mappings: an administrator maps an IdP group to a role within their own grant
// ceiling; joining or leaving a mapped SCIM group changes the role, audited with the token as actor;
// the most privileged mapping wins; leaving every mapped group falls back to the default role; the
// last-administrator guardrail holds whatever the identity provider does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, patch, scimClient, scimUser, type ScimClient } from '../../../../test/helpers/scim-client.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
let scim: ScimClient;
beforeEach(async () => {
  t = await buildTestApp();
  scim = await scimClient(t);
});
afterEach(async () => t.close());

const roleId = (key: string) => t.org.roleIds.get(key)!;
async function roleOf(userId: string): Promise<string> {
  const row = await t.deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select('roles.name')
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.name;
}
async function person(userName: string): Promise<string> {
  const res = await scim.request('POST', '/Users', scimUser(userName));
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().id as string;
}
async function group(displayName: string, members: string[] = []): Promise<string> {
  const res = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName, members: members.map((value) => ({ value })) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function map(groupId: string, role: string, cookie = t.adminCookie) {
  return t.app.inject({ method: 'POST', url: '/api/scim-role-mappings', headers: { cookie }, payload: { groupId, roleId: roleId(role) } });
}
const join = (groupId: string, userId: string) =>
  scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'add', path: 'members', value: [{ value: userId }] }));
const leave = (groupId: string, userId: string) => scim.request('PATCH', `/Groups/${groupId}`, patch({ op: 'remove', path: `members[value eq "${userId}"]` }));
async function auditOf(action: string, subjectId: string) {
  return t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).execute();
}

describe('group-to-role mappings', () => {
  it('should give the mapped role to a member who joins, audited with the token as actor, and fall back to the default role when they leave', async () => {
    const admins = await group('Sofie Admins');
    expect((await map(admins, 'admin')).statusCode).toBe(201);
    const ada = await person('ada@acme.test');
    expect(await roleOf(ada)).toBe('Member');

    expect((await join(admins, ada)).statusCode).toBe(204);
    expect(await roleOf(ada)).toBe('Admin');
    const [granted] = await auditOf('user.role_changed', ada);
    expect(granted).toMatchObject({ actor_label: 'SCIM token “Okta”', actor_user_id: null });
    expect(JSON.parse(granted.before!)).toEqual({ role: { id: roleId('member'), name: 'Member' } });
    expect(JSON.parse(granted.after!)).toEqual({ role: { id: roleId('admin'), name: 'Admin' } });
    expect(granted.reason).toContain('Sofie Admins');

    expect((await leave(admins, ada)).statusCode).toBe(204);
    expect(await roleOf(ada)).toBe('Member');
    expect(await auditOf('user.role_changed', ada)).toHaveLength(2);
  });

  it('should follow membership changes in the forms Entra and Okta send (Add / Remove capitalised, a PUT of the whole group)', async () => {
    const admins = await group('Sofie Admins');
    await map(admins, 'publisher');
    const [ada, bob] = [await person('ada@acme.test'), await person('bob@acme.test')];
    const entraAdd = await scim.request('PATCH', `/Groups/${admins}`, patch({ op: 'Add', path: 'members', value: [{ value: ada }, { value: bob }] }));
    expect(entraAdd.statusCode, entraAdd.body).toBe(204);
    expect([await roleOf(ada), await roleOf(bob)]).toEqual(['Publisher', 'Publisher']);
    const entraRemove = await scim.request('PATCH', `/Groups/${admins}`, patch({ op: 'Remove', path: 'members', value: [{ value: ada }] }));
    expect(entraRemove.statusCode, entraRemove.body).toBe(204);
    expect(await roleOf(ada)).toBe('Member');
    const oktaPut = await scim.request('PUT', `/Groups/${admins}`, { schemas: [GROUP_SCHEMA], displayName: 'Sofie Admins', members: [{ value: ada }] });
    expect(oktaPut.statusCode, oktaPut.body).toBe(200);
    expect([await roleOf(ada), await roleOf(bob)]).toEqual(['Publisher', 'Member']);
  });

  it('should give someone in two mapped groups the role with the most permissions, whatever the order', async () => {
    const viewers = await group('Viewers');
    const publishers = await group('Publishers');
    await map(viewers, 'viewer');
    await map(publishers, 'publisher');
    const ada = await person('ada@acme.test');
    await join(publishers, ada);
    await join(viewers, ada);
    expect(await roleOf(ada)).toBe('Publisher');
    await leave(publishers, ada);
    expect(await roleOf(ada)).toBe('Viewer');
    await join(publishers, ada);
    expect(await roleOf(ada)).toBe('Publisher');
  });

  it('should apply a new mapping to the members a group already has, and undo it when the mapping is removed', async () => {
    const ada = await person('ada@acme.test');
    const sales = await group('Sales', [ada]);
    const made = await map(sales, 'publisher');
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ changed: 1, refused: [], mapping: { group: { name: 'Sales' }, role: { name: 'Publisher' }, active: true } });
    expect(await roleOf(ada)).toBe('Publisher');
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/scim-role-mappings/${made.json().mapping.id}`, headers: { cookie: t.adminCookie } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await roleOf(ada)).toBe('Member');
    expect(await auditOf('scim.role_mapping.removed', sales)).toHaveLength(1);
  });

  it('should leave alone a role an administrator set in the console since the mapping gave one', async () => {
    const ada = await person('ada@acme.test');
    const sales = await group('Sales');
    await map(sales, 'publisher');
    await join(sales, ada);
    const version = (await t.deps.db.selectFrom('users').select('version').where('id', '=', ada).executeTakeFirstOrThrow()).version;
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${ada}/role`,
      headers: { cookie: t.adminCookie },
      payload: { roleId: roleId('viewer'), version },
    });
    expect(set.statusCode, set.body).toBe(200);
    await leave(sales, ada);
    expect(await roleOf(ada)).toBe('Viewer');
  });

  it('should fall back when the identity provider deletes a mapped group', async () => {
    const ada = await person('ada@acme.test');
    const sales = await group('Sales', [ada]);
    await map(sales, 'publisher');
    expect((await scim.request('DELETE', `/Groups/${sales}`)).statusCode).toBe(204);
    expect(await roleOf(ada)).toBe('Member');
  });

  it('should refuse a mapping above the grant ceiling of the administrator who makes it, and offer only roles within it', async () => {
    const now = t.clock().toISOString();
    const limitedRole = t.deps.newId();
    await t.deps.db
      .insertInto('roles')
      .values({
        id: limitedRole,
        organization_id: t.org.organizationId,
        system_key: null,
        name: 'Provisioning manager',
        name_normalized: 'provisioning manager',
        description: '',
        permissions: JSON.stringify(['users.view', 'users.assign_role', 'roles.view', 'groups.view', 'provisioning.manage', 'workspaces.view']),
        require_passkey_enrollment: 0,
        require_passkey_after_magic_link: 0,
        idle_logout_minutes: null,
        owner_user_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const pm = await t.createUser({ email: 'pm@acme.test' });
    await t.deps.db.updateTable('users').set({ role_id: limitedRole }).where('id', '=', pm).execute();
    const cookie = await t.signInAs(pm);
    const admins = await group('Sofie Admins');

    const refused = await map(admins, 'admin', cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ROLE_ESCALATION');
    const listed = await t.app.inject({ method: 'GET', url: '/api/scim-role-mappings', headers: { cookie } });
    expect(listed.json().roles.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Viewer', 'Provisioning manager']));
    expect(listed.json().roles.map((r: { name: string }) => r.name)).not.toContain('Admin');
    expect(listed.json().groups).toEqual([{ id: admins, name: 'Sofie Admins' }]);
    expect((await map(admins, 'viewer', cookie)).statusCode).toBe(201);
  });

  it('should stop applying a mapping whose maker no longer holds the role, and say why', async () => {
    const second = await t.createUser({ email: 'second@acme.test', roleKey: 'admin' });
    const admins = await group('Sofie Admins');
    expect((await map(admins, 'admin', await t.signInAs(second))).statusCode).toBe(201);
    await t.deps.db
      .updateTable('users')
      .set({ role_id: roleId('user_manager') })
      .where('id', '=', second)
      .execute();
    const ada = await person('ada@acme.test');
    await join(admins, ada);
    expect(await roleOf(ada)).toBe('Member');
    const listed = await t.app.inject({ method: 'GET', url: '/api/scim-role-mappings', headers: { cookie: t.adminCookie } });
    expect(listed.json().items[0]).toMatchObject({ active: false, inactiveReason: expect.stringContaining('no longer holds every permission of Admin') });
  });

  it('should never take away the last administrator, whatever group the identity provider removes them from', async () => {
    const admin = await scim.request('POST', '/Users', scimUser('admin@acme.test'));
    expect(admin.json().id).toBe(t.org.adminUserId);
    const admins = await group('Sofie Admins', [t.org.adminUserId]);
    await map(admins, 'admin');
    const res = await leave(admins, t.org.adminUserId);
    expect(res.statusCode, res.body).toBe(204);
    expect(await roleOf(t.org.adminUserId)).toBe('Admin');
    const [refusal] = await auditOf('scim.role_mapping.refused', t.org.adminUserId);
    expect(refusal).toMatchObject({ actor_label: 'SCIM token “Okta”', risk: 'high' });
    expect(JSON.parse(refusal.after!)).toMatchObject({ refusal: 'LAST_ACCESS_ADMIN', wanted: { name: 'Member' } });
    const log = await t.app.inject({ method: 'GET', url: '/api/scim-requests?outcome=warning', headers: { cookie: t.adminCookie } });
    expect(log.json().items[0]).toMatchObject({ operation: 'update', resourceType: 'Group', status: 204, detail: expect.stringContaining('admin@acme.test') });
  });

  it('should refuse mapping a group twice, a group the identity provider did not push, and another organization’s group', async () => {
    const sales = await group('Sales');
    await map(sales, 'viewer');
    expect((await map(sales, 'member')).json().error.code).toBe('SCIM_ROLE_MAPPING_EXISTS');
    const consoleGroup = await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name: 'Console' } });
    expect((await map(consoleGroup.json().id, 'viewer')).json().error.code).toBe('SCIM_GROUP_NOT_FOUND');
    const other = await t.newOrganization('Other', 'boss@other.test');
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/scim-role-mappings',
      headers: { cookie: other.adminCookie },
      payload: { groupId: sales, roleId: other.roleIds.get('viewer') },
    });
    expect(theirs.statusCode).toBe(404);
  });
});
