import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InviteResult } from '../../src/contracts/invitations.js';
import { inviteResultText } from '../../src/web/features/invitations/inviteResultText.js';
import { errorKey } from '../../src/web/shared/errorText.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * What inviting each address did, in the console's words: every outcome the server reports on
 * POST /api/invitations (invited, renewed, updated, unchanged, and each refusal) is worded from the
 * catalogue, and the console's English is exactly the server's `message`.
 */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const roleId = (key: string) => t.org.roleIds.get(key)!;
async function invite(payload: object, cookie = t.adminCookie): Promise<InviteResult[]> {
  const res = await t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie }, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as InviteResult[];
}
async function createGroup(name: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name } });
  return res.json().id as string;
}

/** Signed in with a role that may invite but not change anyone's role. */
async function recruiter(): Promise<string> {
  const permissions = [
    'users.view',
    'users.invite',
    'workspaces.view',
    'workspaces.edit',
    'integrations.connect',
    'workspaces.create_shared',
    'orchestrations.share',
  ];
  return (await t.userWithPermissions('rec@acme.test', permissions, { roleName: 'Recruiter' })).cookie;
}

describe('invitation results in the console’s words', () => {
  it('should word every outcome exactly as the server wrote it', async () => {
    const legal = await createGroup('Legal');
    await createGroup('Sales EMEA');
    await t.createUser({ email: 'dave@acme.test', roleKey: 'viewer' });
    await t.createUser({ email: 'gil@acme.test', roleKey: 'member' });
    await t.createUser({ email: 'erin@acme.test', roleKey: 'member' });
    await t.createUser({ email: 'hal@acme.test', roleKey: 'member' });
    await t.createUser({ email: 'ivy@acme.test', roleKey: 'member' });
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    await invite({ entries: [{ email: 'fay@acme.test' }], roleId: roleId('viewer') });
    await invite({ entries: [{ email: 'hal@acme.test' }], roleId: roleId('member'), groupId: legal });

    const results = [
      ...(await invite({ entries: [{ email: 'new@acme.test' }, { email: 'csv@acme.test', group: 'sales emea' }], roleId: roleId('member') })),
      ...(await invite({ entries: [{ email: 'DAVE@acme.test' }, { email: 'gil@acme.test' }], roleId: roleId('member'), groupId: legal })),
      ...(await invite({ entries: [{ email: 'Fay@acme.test' }, { email: 'erin@acme.test' }], roleId: roleId('member') })),
      ...(await invite({ entries: [{ email: 'hal@acme.test' }], roleId: roleId('member'), groupId: legal })),
      ...(await invite({ entries: [{ email: 'dave@acme.test', roleId: roleId('viewer') }] })),
    ];
    const other = await t.newOrganization('Globex', 'root@globex.test');
    await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: { cookie: t.adminCookie },
      payload: { allowedEmailDomains: ['acme.test'] },
    });
    const rejected = [
      ...(await invite({
        entries: [
          { email: 'ok1@acme.test' },
          { email: 'not-an-email' },
          { email: '' },
          { email: 'x@other.test' },
          { email: 'ok1@ACME.test' },
          { email: 'ok2@acme.test', group: 'No such group' },
          { email: 'y@acme.test', roleId: other.roleIds.get('member') },
        ],
      })),
      ...(await invite({ entries: [{ email: 'boss@acme.test' }], roleId: roleId('admin') }, manager)),
      ...(await invite({ entries: [{ email: 'ivy@acme.test' }], roleId: roleId('viewer') }, await recruiter())),
    ];

    expect(results.map((r) => r.outcome)).toEqual(['invited', 'invited', 'updated', 'updated', 'renewed', 'unchanged', 'unchanged', 'updated']);
    expect(results[2].changes).toEqual(['role Viewer → Member', 'added to Legal']);
    expect(results[7].changes).toEqual(['role Member → Viewer']);
    expect(rejected.map((r) => r.code ?? r.outcome)).toEqual([
      'invited',
      'INVALID_EMAIL',
      'INVALID_EMAIL',
      'DOMAIN_NOT_ALLOWED',
      'DUPLICATE_IN_REQUEST',
      'GROUP_NOT_FOUND',
      'ROLE_NOT_FOUND',
      'ROLE_ESCALATION',
      'ROLE_CHANGE_NOT_ALLOWED',
    ]);
    for (const r of [...results, ...rejected]) expect(inviteResultText(r), r.message).toBe(r.message);
    // Worded from the catalogue, not by showing the server's English back.
    for (const r of rejected.filter((r) => r.outcome === 'rejected')) expect(errorKey(r.code!, r.message, r.details), r.message).not.toBeNull();
    for (const r of results) expect(inviteResultText({ ...r, message: '' }), r.message).toBe(r.message);
  });
});
