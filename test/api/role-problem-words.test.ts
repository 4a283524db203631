import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role, RoleImpact } from '../../src/contracts/roles.js';
import { roleProblemText } from '../../src/web/features/roles/roleProblemText.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** "Review impact" words each refusal from the catalogue, naming its permissions, in the server's English word for word. */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function call(cookie: string, method: 'POST' | 'PUT', url: string, payload: unknown) {
  const res = await t.app.inject({ method, url, payload: payload as object, headers: { cookie } });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

async function problems(cookie: string, body: { roleId?: string; permissions: string[] }): Promise<RoleImpact['problems']> {
  return ((await call(cookie, 'POST', '/api/roles/impact', body)) as RoleImpact).problems;
}

describe('the impact review’s refusals in the console’s words', () => {
  it('should word an escalation, an ungrantable default role and a system role as the server does', async () => {
    const editor = (await t.userWithPermissions('ed@acme.test', ['roles.manage', 'roles.view', 'users.view'])).cookie;

    const found = [
      ...(await problems(editor, { permissions: ['users.view', 'users.delete', 'users.assign_role'] })),
      ...(await problems(t.adminCookie, { permissions: ['users.invite'] })),
      ...(await problems(t.adminCookie, { roleId: t.org.roleIds.get('member')!, permissions: ['users.view'] })),
    ];
    expect(found.map((p) => p.code).sort()).toEqual(['DEFAULT_ROLE_NOT_GRANTABLE', 'ROLE_ESCALATION', 'SYSTEM_ROLE_READONLY']);
    for (const problem of found) {
      expect(roleProblemText(problem), problem.code).toBe(problem.message);
      // Worded from the catalogue, not the server's English shown back.
      expect(roleProblemText({ ...problem, message: '' }), problem.code).toBe(problem.message);
    }
    expect(found.find((p) => p.code === 'ROLE_ESCALATION')?.permissions).toEqual(['users.assign_role', 'users.delete']);
  });

  it('should word the refusal to leave nobody who can manage users and roles as the server does', async () => {
    // "Chief" holds everything Admin does; the administrator is moved to it by a second administrator,
    // and moves that one to Member: Chief is the only role through which anyone manages access.
    const roles = (await t.app.inject({ method: 'GET', url: '/api/roles', headers: { cookie: t.adminCookie } })).json().items as Role[];
    const adminPermissions = roles.find((r) => r.key === 'admin')!.permissions;
    const chief = await call(t.adminCookie, 'POST', '/api/roles', { name: 'Chief', permissions: adminPermissions, ownerUserId: t.org.adminUserId });
    const helperId = await t.createUser({ email: 'helper@acme.test', roleKey: 'admin' });
    await call(await t.signInAs(helperId), 'PUT', `/api/users/${t.org.adminUserId}/role`, { roleId: chief.id });
    await call(t.adminCookie, 'PUT', `/api/users/${helperId}/role`, { roleId: t.org.roleIds.get('member')! });

    const found = await problems(t.adminCookie, { roleId: chief.id, permissions: adminPermissions.filter((p) => p !== 'roles.manage') });
    expect(found.map((p) => p.code)).toEqual(['LAST_ACCESS_ADMIN']);
    expect(roleProblemText(found[0])).toBe(found[0].message);
    expect(roleProblemText({ ...found[0], message: '' })).toBe(found[0].message);
    // Saving the same change is refused with that code.
    const save = await t.app.inject({
      method: 'PATCH',
      url: `/api/roles/${chief.id}`,
      headers: { cookie: t.adminCookie },
      payload: { version: chief.version, permissions: adminPermissions.filter((p) => p !== 'roles.manage') },
    });
    expect(save.statusCode).toBe(409);
    expect(save.json().error.code).toBe('LAST_ACCESS_ADMIN');
  });
});
