import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

type Json = Record<string, unknown>;

function call(cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: Json) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload !== undefined && { payload }) });
}

async function newRole(body: Json, cookie = t.adminCookie) {
  const res = await call(cookie, 'POST', '/api/roles', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number; name: string; permissions: string[] }>();
}

describe('New Role', () => {
  it('should create a custom role with permissions, security policy and owner, and audit it', async () => {
    const res = await call(t.adminCookie, 'POST', '/api/roles', {
      name: '  QA reviewer ',
      description: 'Reviews drafts',
      permissions: ['workspaces.view', 'users.view', 'workspaces.view'],
      securityPolicy: { requirePasskeyEnrollment: true, requirePasskeyAfterMagicLink: false, idleLogoutMinutes: 30 },
      reason: 'QA team starts Monday',
    });
    expect(res.statusCode, res.body).toBe(201);
    const role = res.json();
    expect(role).toMatchObject({
      name: 'QA reviewer',
      system: false,
      privileged: false,
      permissions: ['users.view', 'workspaces.view'],
      securityPolicy: { requirePasskeyEnrollment: true, requirePasskeyAfterMagicLink: false, idleLogoutMinutes: 30 },
      userCount: 0,
      version: 1,
    });
    const fetched = await call(t.adminCookie, 'GET', `/api/roles/${role.id}`);
    expect(fetched.json()).toEqual(role);
    const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('subject_id', '=', role.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'role.created', reason: 'QA team starts Monday' });
    expect(JSON.parse(audit[0].before ?? 'null')).toBeNull();
    expect(JSON.parse(audit[0].after!).permissions).toEqual(['users.view', 'workspaces.view']);
  });

  it('should refuse a name already used in the organization, whatever its case', async () => {
    await newRole({ name: 'QA reviewer', permissions: [] });
    const res = await call(t.adminCookie, 'POST', '/api/roles', { name: 'qa REVIEWER', permissions: [] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ROLE_NAME_TAKEN');
    const system = await call(t.adminCookie, 'POST', '/api/roles', { name: 'admin', permissions: [] });
    expect(system.json().error.code).toBe('ROLE_NAME_TAKEN');
  });

  it('should allow the same name in another organization', async () => {
    await newRole({ name: 'QA reviewer', permissions: [] });
    const other = await t.newOrganization('Globex', 'boss@globex.test');
    await newRole({ name: 'QA reviewer', permissions: [] }, other.adminCookie);
  });

  it('should refuse unknown permission keys and blank names with a 400', async () => {
    const unknown = await call(t.adminCookie, 'POST', '/api/roles', { name: 'X', permissions: ['users.view', 'root.everything'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_PERMISSION', details: { unknown: ['root.everything'] } });
    expect(unknown.json().error.message).toContain('root.everything');
    const blank = await call(t.adminCookie, 'POST', '/api/roles', { name: '   ', permissions: [] });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.code).toBe('ROLE_NAME_REQUIRED');
    const missing = await call(t.adminCookie, 'POST', '/api/roles', { name: 'X' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const wrongType = await call(t.adminCookie, 'POST', '/api/roles', { name: 'X', permissions: { all: true } });
    expect(wrongType.statusCode).toBe(400);
  });

  it.each([14, 1441, 0, -30, 20.5, 100000, '30', '', false])('should refuse idle auto logout of %s minutes with a clear message', async (minutes) => {
    const res = await call(t.adminCookie, 'POST', '/api/roles', { name: 'Idle', permissions: [], securityPolicy: { idleLogoutMinutes: minutes } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_IDLE_LOGOUT');
    expect(res.json().error.message).toContain('between 15 minutes and 24 hours');
  });

  it('should accept Off, the presets and a custom value in range', async () => {
    for (const [i, minutes] of [null, 15, 60, 1440, 95].entries()) {
      const role = await newRole({ name: `Idle ${i}`, permissions: [], securityPolicy: { idleLogoutMinutes: minutes } });
      expect((role as unknown as { securityPolicy: { idleLogoutMinutes: number | null } }).securityPolicy.idleLogoutMinutes).toBe(minutes);
    }
  });

  it('should require an active owner for a privileged role', async () => {
    const noOwner = await call(t.adminCookie, 'POST', '/api/roles', { name: 'Session keeper', permissions: ['users.manage_sessions'] });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().error.code).toBe('OWNER_REQUIRED');
    const gone = await t.createUser({ email: 'gone@acme.test', status: 'deactivated' });
    const inactive = await call(t.adminCookie, 'POST', '/api/roles', { name: 'Session keeper', permissions: ['users.manage_sessions'], ownerUserId: gone });
    expect(inactive.json().error.code).toBe('OWNER_NOT_FOUND');
    const other = await t.newOrganization('Globex', 'boss@globex.test');
    const foreign = await call(t.adminCookie, 'POST', '/api/roles', {
      name: 'Session keeper',
      permissions: ['users.manage_sessions'],
      ownerUserId: other.adminUserId,
    });
    expect(foreign.json().error.code).toBe('OWNER_NOT_FOUND');
    const ok = await call(t.adminCookie, 'POST', '/api/roles', {
      name: 'Session keeper',
      permissions: ['users.manage_sessions'],
      ownerUserId: t.org.adminUserId,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ privileged: true, owner: { id: t.org.adminUserId, name: 'Alice Admin' } });
  });

  it('should refuse adding a permission the author does not hold (ROLE_ESCALATION)', async () => {
    const author = await t.userWithPermissions('author@acme.test', ['roles.manage', 'roles.view', 'users.view']);
    const res = await call(author.cookie, 'POST', '/api/roles', {
      name: 'Sneaky',
      permissions: ['users.view', 'integrations.manage'],
      ownerUserId: author.userId,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'ROLE_ESCALATION', details: { missing: ['integrations.manage'] } });
    expect(res.json().error.message).toContain('Configure integrations');
    const fine = await call(author.cookie, 'POST', '/api/roles', { name: 'Viewer of users', permissions: ['users.view'] });
    expect(fine.statusCode).toBe(201);
  });

  it('should require a business reason when the organization says so', async () => {
    await t.deps.db.updateTable('organizations').set({ business_reason_required: 1 }).execute();
    const res = await call(t.adminCookie, 'POST', '/api/roles', { name: 'QA', permissions: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('REASON_REQUIRED');
  });

  it('should refuse writes without roles.manage and reads without roles.view', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await call(member, 'POST', '/api/roles', { name: 'X', permissions: [] })).statusCode).toBe(403);
    const adminRole = (await call(t.adminCookie, 'GET', '/api/roles')).json().items.find((r: { key: string }) => r.key === 'admin');
    expect((await call(member, 'GET', `/api/roles/${adminRole.id}`)).statusCode).toBe(403);
  });
});

describe('editing a role', () => {
  it('should save changes with the current version and refuse a stale one (VERSION_CONFLICT)', async () => {
    const role = await newRole({ name: 'QA', permissions: ['workspaces.view'] });
    const first = await call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, {
      version: 1,
      name: 'QA reviewer',
      permissions: ['workspaces.view', 'workspaces.edit'],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ name: 'QA reviewer', version: 2, permissions: ['workspaces.view', 'workspaces.edit'] });
    const stale = await call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, { version: 1, description: 'late' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const noVersion = await call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, { description: 'x' });
    expect(noVersion.statusCode).toBe(400);
    const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.updated').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before!).name).toBe('QA');
    expect(JSON.parse(audit[0].after!)).toMatchObject({ name: 'QA reviewer', gained: ['workspaces.edit'], lost: [] });
  });

  it('should apply a permission change to holders on their next request', async () => {
    const holder = await t.userWithPermissions('h@acme.test', ['workspaces.view']);
    expect((await call(holder.cookie, 'GET', '/api/users')).statusCode).toBe(403);
    await call(t.adminCookie, 'PATCH', `/api/roles/${holder.roleId}`, { version: 1, permissions: ['workspaces.view', 'users.view'] });
    expect((await call(holder.cookie, 'GET', '/api/users')).statusCode).toBe(200);
  });

  it('should refuse editing or deleting a system role but allow duplicating it', async () => {
    const roles = (await call(t.adminCookie, 'GET', '/api/roles')).json().items as { id: string; key: string; version: number }[];
    const member = roles.find((r) => r.key === 'member')!;
    const edit = await call(t.adminCookie, 'PATCH', `/api/roles/${member.id}`, { version: member.version, name: 'Members' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('SYSTEM_ROLE_READONLY');
    const del = await call(t.adminCookie, 'DELETE', `/api/roles/${member.id}`);
    expect(del.json().error.code).toBe('SYSTEM_ROLE_READONLY');
    const dup = await call(t.adminCookie, 'POST', `/api/roles/${member.id}/duplicate`, {});
    expect(dup.statusCode, dup.body).toBe(201);
    expect(dup.json()).toMatchObject({ name: 'Member (copy)', system: false, userCount: 0 });
    const again = await t.app.inject({ method: 'POST', url: `/api/roles/${member.id}/duplicate`, headers: { cookie: t.adminCookie } });
    expect(again.statusCode, 'a bare POST duplicates too').toBe(201);
    expect(again.json().name).toBe('Member (copy 2)');
    const admin = roles.find((r) => r.key === 'admin')!;
    const dupAdmin = await call(t.adminCookie, 'POST', `/api/roles/${admin.id}/duplicate`, { name: 'Deputy admin' });
    expect(dupAdmin.json()).toMatchObject({ name: 'Deputy admin', privileged: true, owner: { id: t.org.adminUserId } });
  });

  it('should refuse duplicating a role holding permissions the author lacks', async () => {
    const author = await t.userWithPermissions('author@acme.test', ['roles.manage', 'roles.view', 'users.view']);
    const roles = (await call(t.adminCookie, 'GET', '/api/roles')).json().items as { id: string; key: string }[];
    const res = await call(author.cookie, 'POST', `/api/roles/${roles.find((r) => r.key === 'admin')!.id}/duplicate`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ROLE_ESCALATION');
  });

  it('should refuse adding a permission the editor lacks, but allow removing one', async () => {
    const target = await newRole({ name: 'Target', permissions: ['workspaces.view', 'integrations.manage'], ownerUserId: t.org.adminUserId });
    const editor = await t.userWithPermissions('ed@acme.test', ['roles.manage', 'roles.view', 'workspaces.view', 'users.view']);
    const add = await call(editor.cookie, 'PATCH', `/api/roles/${target.id}`, {
      version: 1,
      permissions: ['workspaces.view', 'integrations.manage', 'users.view', 'users.delete'],
    });
    expect(add.statusCode).toBe(403);
    expect(add.json().error).toMatchObject({ code: 'ROLE_ESCALATION', details: { missing: ['users.delete'] } });
    const keep = await call(editor.cookie, 'PATCH', `/api/roles/${target.id}`, { version: 1, description: 'kept' });
    expect(keep.statusCode, keep.body).toBe(200);
    const remove = await call(editor.cookie, 'PATCH', `/api/roles/${target.id}`, { version: 2, permissions: ['workspaces.view'] });
    expect(remove.statusCode, remove.body).toBe(200);
  });

  it('should refuse removing access administration from the last role that grants it to an active user (LAST_ACCESS_ADMIN)', async () => {
    const roles = (await call(t.adminCookie, 'GET', '/api/roles')).json().items as { id: string; key: string }[];
    const memberPermissions = ['workspaces.view', 'workspaces.edit', 'integrations.connect', 'workspaces.create_shared', 'orchestrations.share'];
    const chief = await newRole({
      name: 'Chief',
      permissions: [...memberPermissions, 'users.view', 'users.assign_role', 'roles.manage', 'roles.view'],
      ownerUserId: t.org.adminUserId,
    });
    // Move the only admin to "Chief": Alice is now the only access administrator, through a custom role.
    const helper = await t.createUser({ email: 'helper@acme.test', roleKey: 'admin' });
    expect((await call(await t.signInAs(helper), 'PUT', `/api/users/${t.org.adminUserId}/role`, { roleId: chief.id })).statusCode).toBe(200);
    // The helper leaves (set up directly: as Chief, Alice may not demote a full Admin).
    await t.deps.db
      .updateTable('users')
      .set({ role_id: roles.find((r) => r.key === 'member')!.id })
      .where('id', '=', helper)
      .execute();
    const res = await call(t.adminCookie, 'PATCH', `/api/roles/${chief.id}`, {
      version: 1,
      permissions: [...memberPermissions, 'users.view', 'users.assign_role', 'roles.view'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LAST_ACCESS_ADMIN');
    // With a second access administrator elsewhere, the same edit is fine.
    await t.createUser({ email: 'second@acme.test', roleKey: 'admin' });
    const ok = await call(t.adminCookie, 'PATCH', `/api/roles/${chief.id}`, {
      version: 1,
      permissions: [...memberPermissions, 'users.view', 'users.assign_role', 'roles.view'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('should keep the owner rule when a role becomes privileged', async () => {
    const role = await newRole({ name: 'Plain', permissions: ['workspaces.view'] });
    const res = await call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, { version: 1, permissions: ['workspaces.view', 'users.manage_sessions'] });
    expect(res.json().error.code).toBe('OWNER_REQUIRED');
    const ok = await call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, {
      version: 1,
      permissions: ['workspaces.view', 'users.manage_sessions'],
      ownerUserId: t.org.adminUserId,
    });
    expect(ok.statusCode).toBe(200);
    const clear = await call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, { version: 2, ownerUserId: null });
    expect(clear.json().error.code).toBe('OWNER_REQUIRED');
  });

  it('should refuse a rename onto another role name', async () => {
    await newRole({ name: 'Alpha', permissions: [] });
    const beta = await newRole({ name: 'Beta', permissions: [] });
    const res = await call(t.adminCookie, 'PATCH', `/api/roles/${beta.id}`, { version: 1, name: 'ALPHA' });
    expect(res.json().error.code).toBe('ROLE_NAME_TAKEN');
    const recase = await call(t.adminCookie, 'PATCH', `/api/roles/${beta.id}`, { version: 1, name: 'BETA' });
    expect(recase.statusCode).toBe(200);
  });
});

describe('deleting a role', () => {
  it('should refuse while users hold it, with the count and a link to them, then delete once moved', async () => {
    const holder = await t.userWithPermissions('h@acme.test', ['workspaces.view']);
    const res = await call(t.adminCookie, 'DELETE', `/api/roles/${holder.roleId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ROLE_IN_USE', details: { userCount: 1, link: `/admin/users?role=${holder.roleId}` } });
    expect(res.json().error.message).toContain('1 user holds');
    const roles = (await call(t.adminCookie, 'GET', '/api/roles')).json().items as { id: string; key: string }[];
    await call(t.adminCookie, 'PUT', `/api/users/${holder.userId}/role`, { roleId: roles.find((r) => r.key === 'viewer')!.id });
    const ok = await call(t.adminCookie, 'DELETE', `/api/roles/${holder.roleId}?reason=cleanup`);
    expect(ok.statusCode).toBe(200);
    expect((await call(t.adminCookie, 'GET', `/api/roles/${holder.roleId}`)).statusCode).toBe(404);
    const audit = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'role.deleted').executeTakeFirstOrThrow();
    expect(audit.reason).toBe('cleanup');
  });
});

describe('organization isolation', () => {
  it('should answer 404 for a role of another organization on every role route', async () => {
    const other = await t.newOrganization('Globex', 'boss@globex.test');
    const foreign = await newRole({ name: 'Globex only', permissions: ['workspaces.view'] }, other.adminCookie);
    expect((await call(t.adminCookie, 'GET', `/api/roles/${foreign.id}`)).statusCode).toBe(404);
    expect((await call(t.adminCookie, 'PATCH', `/api/roles/${foreign.id}`, { version: 1, name: 'Mine now' })).statusCode).toBe(404);
    expect((await call(t.adminCookie, 'POST', `/api/roles/${foreign.id}/duplicate`, {})).statusCode).toBe(404);
    expect((await call(t.adminCookie, 'DELETE', `/api/roles/${foreign.id}`)).statusCode).toBe(404);
    expect((await call(t.adminCookie, 'POST', '/api/roles/impact', { roleId: foreign.id, permissions: [] })).statusCode).toBe(404);
    const mine = (await call(t.adminCookie, 'GET', '/api/roles')).json().items as { id: string }[];
    expect(mine.some((r) => r.id === foreign.id)).toBe(false);
    const recommended = (
      await call(t.adminCookie, 'POST', '/api/roles/recommend', {
        needsAdminPages: false,
        createsSharedWorkspaces: false,
        configuresIntegrations: false,
        managesAccess: false,
      })
    ).json();
    expect([recommended.recommended, ...recommended.alternatives].some((c: { roleId: string }) => c.roleId === foreign.id)).toBe(false);
    expect((await call(other.adminCookie, 'GET', `/api/roles/${foreign.id}`)).json().name).toBe('Globex only');
  });
});

describe('impact review', () => {
  it('should list the holders and what they gain and lose, calling out privileged changes', async () => {
    const a = await t.userWithPermissions('a@acme.test', ['workspaces.view', 'workspaces.edit']);
    const bId = await t.createUser({ email: 'b@acme.test', name: 'Bob' });
    await call(t.adminCookie, 'PUT', `/api/users/${bId}/role`, { roleId: a.roleId });
    const res = await call(t.adminCookie, 'POST', '/api/roles/impact', { roleId: a.roleId, permissions: ['workspaces.view', 'users.manage_sessions'] });
    expect(res.statusCode, res.body).toBe(200);
    const impact = res.json();
    expect(impact).toMatchObject({ userCount: 2, activeUserCount: 2, privilegedChange: true, truncated: false, problems: [] });
    expect(impact.gained).toEqual([{ key: 'users.manage_sessions', label: 'Sign users out', category: 'Users', privileged: true }]);
    expect(impact.lost.map((p: { key: string }) => p.key)).toEqual(['workspaces.edit']);
    expect(impact.users.map((u: { email: string }) => u.email).sort()).toEqual(['a@acme.test', 'b@acme.test']);
    expect(impact.users[0]).toMatchObject({ gained: ['users.manage_sessions'], lost: ['workspaces.edit'] });
    // Nothing was saved.
    expect((await call(t.adminCookie, 'GET', `/api/roles/${a.roleId}`)).json().permissions).toEqual(['workspaces.view', 'workspaces.edit']);
  });

  it('should show a new role gains its permissions for nobody yet', async () => {
    const res = await call(t.adminCookie, 'POST', '/api/roles/impact', { permissions: ['workspaces.view'] });
    expect(res.json()).toMatchObject({ roleId: null, userCount: 0, users: [], privilegedChange: false });
    expect(res.json().gained.map((p: { key: string }) => p.key)).toEqual(['workspaces.view']);
  });

  it('should warn about the refusals the save would meet', async () => {
    const editor = await t.userWithPermissions('ed@acme.test', ['roles.manage', 'roles.view', 'users.view']);
    const res = await call(editor.cookie, 'POST', '/api/roles/impact', { permissions: ['users.view', 'users.delete'] });
    expect(res.json().problems.map((p: { code: string }) => p.code)).toEqual(['ROLE_ESCALATION']);
    const bad = await call(t.adminCookie, 'POST', '/api/roles/impact', { permissions: ['nope'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('UNKNOWN_PERMISSION');
  });
});

describe('Help me choose', () => {
  const none = { needsAdminPages: false, createsSharedWorkspaces: false, configuresIntegrations: false, managesAccess: false };
  async function recommend(answers: Partial<typeof none>, cookie = t.adminCookie) {
    const res = await call(cookie, 'POST', '/api/roles/recommend', { ...none, ...answers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('should pick the narrowest system role for each day-one profile', async () => {
    expect((await recommend({})).recommended.name).toBe('Member');
    expect((await recommend({ createsSharedWorkspaces: true })).recommended.name).toBe('Member');
    expect((await recommend({ configuresIntegrations: true })).recommended.name).toBe('Integration admin');
    expect((await recommend({ managesAccess: true })).recommended.name).toBe('User manager');
    expect((await recommend({ needsAdminPages: true })).recommended.name).toBe('Security reviewer');
    expect((await recommend({ managesAccess: true, configuresIntegrations: true })).recommended.name).toBe('Admin');
    const r = await recommend({ configuresIntegrations: true });
    expect(r.recommended.reason).toContain('narrowest');
    expect(r.recommended.reason).toContain('configuring integrations');
    expect(r.alternatives.map((a: { name: string }) => a.name)).toContain('Admin');
  });

  it('should prefer a narrower custom role', async () => {
    const narrow = await newRole({ name: 'Editor', permissions: ['workspaces.view', 'workspaces.edit'] });
    const r = await recommend({});
    expect(r.recommended).toMatchObject({ roleId: narrow.id, name: 'Editor', system: false, permissionCount: 2, assignable: true });
    expect(r.recommended.reason).toContain('none beyond what is needed');
  });

  it('should only recommend roles the asker can assign when one fits', async () => {
    const inviter = await t.userWithPermissions('inv@acme.test', [
      'users.view',
      'users.invite',
      'workspaces.view',
      'workspaces.edit',
      'integrations.connect',
      'workspaces.create_shared',
      'orchestrations.share',
    ]);
    const r = await recommend({ configuresIntegrations: true }, inviter.cookie);
    expect(r.recommended).toMatchObject({ name: 'Integration admin', assignable: false });
    expect(r.recommended.reason).toContain('must assign it');
    expect((await recommend({}, inviter.cookie)).recommended).toMatchObject({ name: 'Member', assignable: true });
  });

  it('should refuse incomplete answers', async () => {
    const res = await call(t.adminCookie, 'POST', '/api/roles/recommend', { needsAdminPages: true });
    expect(res.statusCode).toBe(400);
  });
});

describe('concurrent role edits', () => {
  it('should let only one of two simultaneous saves of the same version through', async () => {
    const role = await newRole({ name: 'Shared', permissions: ['workspaces.view'] });
    const answers = await Promise.all([
      call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, { version: 1, description: 'first' }),
      call(t.adminCookie, 'PATCH', `/api/roles/${role.id}`, { version: 1, description: 'second' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });

  it('should not let two administrators strip each other’s access at the same time', async () => {
    const base = ['workspaces.view', 'workspaces.edit', 'integrations.connect', 'workspaces.create_shared', 'orchestrations.share', 'users.view', 'roles.view'];
    const a = await newRole({ name: 'Access A', permissions: [...base, 'users.assign_role', 'roles.manage'], ownerUserId: t.org.adminUserId });
    const b = await newRole({ name: 'Access B', permissions: [...base, 'users.assign_role', 'roles.manage'], ownerUserId: t.org.adminUserId });
    const xId = await t.createUser({ email: 'x@acme.test', roleKey: 'admin' });
    const x = await t.signInAs(xId);
    expect((await call(x, 'PUT', `/api/users/${t.org.adminUserId}/role`, { roleId: a.id })).statusCode).toBe(200);
    // Set up directly: as "Access A", Alice may not change the role of a full Admin.
    await t.deps.db.updateTable('users').set({ role_id: b.id }).where('id', '=', xId).execute();
    const answers = await Promise.all([
      call(t.adminCookie, 'PATCH', `/api/roles/${a.id}`, { version: 1, permissions: [...base, 'users.assign_role'] }),
      call(x, 'PATCH', `/api/roles/${b.id}`, { version: 1, permissions: [...base, 'users.assign_role'] }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('LAST_ACCESS_ADMIN');
  });
});
