import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RoleImpact } from '../../src/contracts/roles.js';
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
});
