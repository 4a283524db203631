import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, linkIn, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

function invite(payload: object, cookie = t.adminCookie, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie, ...headers }, payload });
}

const roleId = (key: string) => t.org.roleIds.get(key)!;

async function createGroup(name: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/groups', headers: { cookie: t.adminCookie }, payload: { name } });
  return res.json().id;
}

describe('inviting a new user', () => {
  it('should create an invited user with role and group, mail a link naming inviter, org and role, and audit it', async () => {
    const groupId = await createGroup('Finance');
    const res = await invite({ entries: [{ email: '  Bob.Builder@Acme.test ' }], roleId: roleId('publisher'), groupId, reason: 'New hire' });
    expect(res.statusCode).toBe(200);
    const [result] = res.json().results;
    expect(result).toMatchObject({ outcome: 'invited', email: 'Bob.Builder@Acme.test' });
    expect(result.message).toBe('Invitation sent to Bob.Builder@Acme.test as Publisher in Finance.');

    const detail = (await t.app.inject({ method: 'GET', url: `/api/users/${result.userId}`, headers: { cookie: t.adminCookie } })).json();
    expect(detail).toMatchObject({ status: 'invited', role: { name: 'Publisher' }, groups: [{ name: 'Finance' }], invitedBy: { name: 'Alice Admin' } });

    const [mail] = await t.mailTo('Bob.Builder@Acme.test');
    expect(mail.subject).toBe('Alice Admin invited you to Acme Corp on Sofie');
    expect(mail.text).toContain('as Publisher');
    expect(mail.text).toContain('/sign-in');

    const history = (await t.app.inject({ method: 'GET', url: `/api/users/${result.userId}/history`, headers: { cookie: t.adminCookie } })).json();
    expect(history.items[0]).toMatchObject({ action: 'invitation.sent', reason: 'New hire', actor: { label: 'Alice Admin <admin@acme.test>' } });
  });

  it('should sign the person in when they accept, once', async () => {
    await invite({ entries: [{ email: 'carol@acme.test' }], roleId: roleId('member') });
    const { token } = linkIn((await t.mailTo('carol@acme.test'))[0].text, '/invitations/accept');
    const accepted = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().redirectTo).toBe('/welcome');
    const cookie = accepted.cookies.find((c) => c.name === 'sofie_session')!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { sofie_session: cookie.value } });
    expect(me.json().user).toMatchObject({ email: 'carol@acme.test', roleName: 'Member' });

    const again = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
    expect(again.json().error.code).toBe('INVITATION_ACCEPTED');
  });

  it('should refuse an expired invitation and say so', async () => {
    await invite({ entries: [{ email: 'late@acme.test' }] });
    const { token } = linkIn((await t.mailTo('late@acme.test'))[0].text, '/invitations/accept');
    t.clock.advance(7 * 86_400_000 + 1);
    const res = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVITATION_EXPIRED');
    const admin = await t.signInAs(t.org.adminUserId); // a week later the first session has ended
    const list = (await t.app.inject({ method: 'GET', url: '/api/invitations?status=expired', headers: { cookie: admin } })).json();
    expect(list.items.map((i: { email: string }) => i.email)).toEqual(['late@acme.test']);
  });
});

describe('inviting an address that is already known', () => {
  it('should update an existing user’s role and group instead, and say what changed', async () => {
    const userId = await t.createUser({ email: 'dave@acme.test', roleKey: 'viewer' });
    const groupId = await createGroup('Legal');
    const res = await invite({ entries: [{ email: 'DAVE@acme.test' }], roleId: roleId('member'), groupId });
    const [result] = res.json().results;
    expect(result).toMatchObject({ outcome: 'updated', userId, changes: ['role Viewer → Member', 'added to Legal'] });
    expect(result.message).toContain('updated instead');
    expect(await t.mailTo('dave@acme.test')).toHaveLength(0);
    const users = (await t.app.inject({ method: 'GET', url: '/api/users?search=dave', headers: { cookie: t.adminCookie } })).json();
    expect(users.total).toBe(1);
  });

  it('should make an open edit of the user’s groups stale when an invitation adds them to a group', async () => {
    const userId = await t.createUser({ email: 'gil@acme.test', roleKey: 'member' });
    const legal = await createGroup('Legal');
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: t.adminCookie } });
    const seen = (await get(`/api/users/${userId}`)).json();
    const [result] = (await invite({ entries: [{ email: 'gil@acme.test' }], roleId: roleId('member'), groupId: legal })).json().results;
    expect(result).toMatchObject({ outcome: 'updated', changes: ['added to Legal'] });
    // The dialog opened before the invitation would drop Legal without knowing it was there.
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${userId}/groups`,
      headers: { cookie: t.adminCookie },
      payload: { groupIds: [], version: seen.version },
    });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await get(`/api/users/${userId}`)).json().groups.map((g: { name: string }) => g.name)).toEqual(['Legal']);
    const audit = (await get(`/api/audit-events?subjectId=${userId}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'group.member_added', after: { member: true, group: 'Legal' } });
  });

  it('should say nothing changed when the role and group already match', async () => {
    await t.createUser({ email: 'erin@acme.test', roleKey: 'member' });
    const [result] = (await invite({ entries: [{ email: 'erin@acme.test' }], roleId: roleId('member') })).json().results;
    expect(result.outcome).toBe('unchanged');
  });

  it('should renew a pending invitation instead of creating a second, and the old link stops working', async () => {
    await invite({ entries: [{ email: 'fay@acme.test' }], roleId: roleId('viewer') });
    const first = linkIn((await t.mailTo('fay@acme.test'))[0].text, '/invitations/accept');
    const [result] = (await invite({ entries: [{ email: 'Fay@acme.test' }], roleId: roleId('member') })).json().results;
    expect(result.outcome).toBe('renewed');
    const list = (await t.app.inject({ method: 'GET', url: '/api/invitations?status=pending', headers: { cookie: t.adminCookie } })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ role: { name: 'Member' }, sentCount: 2 });
    // History names the role on both sides, in one form.
    const history = (await t.app.inject({ method: 'GET', url: `/api/users/${result.userId}/history`, headers: { cookie: t.adminCookie } })).json();
    const renewal = history.items.find((e: { action: string }) => e.action === 'invitation.renewed');
    expect({ before: renewal.before, after: renewal.after }).toEqual({
      before: { role: { id: roleId('viewer'), name: 'Viewer' } },
      after: { role: { id: roleId('member'), name: 'Member' }, group: null },
    });
    const old = await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: first.token } });
    expect(old.json().error.code).toBe('INVITATION_INVALID');
    const second = linkIn((await t.mailTo('fay@acme.test'))[1].text, '/invitations/accept');
    expect((await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: second.token } })).statusCode).toBe(200);
  });
});

describe('many at once', () => {
  it('should report each address on its own and leave nothing behind for rejected ones', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: { cookie: t.adminCookie },
      payload: { allowedEmailDomains: ['acme.test'] },
    });
    const res = await invite({
      entries: [
        { email: 'ok1@acme.test' },
        { email: 'not-an-email' },
        { email: 'x@other.test' },
        { email: 'ok1@ACME.test' },
        { email: 'ok2@acme.test', group: 'No such group' },
        { email: 'ok3@acme.test', name: 'Olga K' },
      ],
    });
    const results = res.json().results as { email: string; outcome: string; code?: string; message: string }[];
    expect(results.map((r) => [r.outcome, r.code ?? null])).toEqual([
      ['invited', null],
      ['rejected', 'INVALID_EMAIL'],
      ['rejected', 'DOMAIN_NOT_ALLOWED'],
      ['rejected', 'DUPLICATE_IN_REQUEST'],
      ['rejected', 'GROUP_NOT_FOUND'],
      ['invited', null],
    ]);
    expect(results[2].message).toContain('other.test is not one of');
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: t.adminCookie } })).json();
    expect(users.items.map((u: { email: string }) => u.email).sort()).toEqual(['admin@acme.test', 'ok1@acme.test', 'ok3@acme.test']);
    expect(users.items.find((u: { email: string }) => u.email === 'ok3@acme.test').name).toBe('Olga K');
  });

  it('should not invite twice when a request is retried with the same Idempotency-Key', async () => {
    const payload = { entries: [{ email: 'retry@acme.test' }] };
    const first = await invite(payload, t.adminCookie, { 'idempotency-key': 'chunk-1' });
    const second = await invite(payload, t.adminCookie, { 'idempotency-key': 'chunk-1' });
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await t.mailTo('retry@acme.test')).toHaveLength(1);
  });

  it('should accept group names (as CSV rows carry them)', async () => {
    await createGroup('Sales EMEA');
    const [result] = (await invite({ entries: [{ email: 'csv@acme.test', group: 'sales emea' }] })).json().results;
    expect(result.message).toContain('in Sales EMEA');
  });
});

describe('guardrails and validation', () => {
  it('should not let a user manager invite someone as Admin', async () => {
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    const [result] = (await invite({ entries: [{ email: 'boss@acme.test' }], roleId: roleId('admin') }, manager)).json().results;
    expect(result).toMatchObject({ outcome: 'rejected', code: 'ROLE_ESCALATION' });
    expect(await t.mailTo('boss@acme.test')).toHaveLength(0);
  });

  it('should not let a member invite at all', async () => {
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    expect((await invite({ entries: [{ email: 'z@acme.test' }] }, member)).statusCode).toBe(403);
  });

  it('should reject a role of another organization as unknown', async () => {
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const [result] = (await invite({ entries: [{ email: 'y@acme.test' }], roleId: other.roleIds.get('member') })).json().results;
    expect(result).toMatchObject({ outcome: 'rejected', code: 'ROLE_NOT_FOUND' });
  });

  it('should require a business reason when the organization says so', async () => {
    await t.app.inject({ method: 'PATCH', url: '/api/organization/settings', headers: { cookie: t.adminCookie }, payload: { businessReasonRequired: true } });
    const res = await invite({ entries: [{ email: 'r@acme.test' }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('REASON_REQUIRED');
  });

  it.each([
    ['no entries', { entries: [] }],
    ['entries not a list', { entries: 'a@b.c' }],
    ['an email too long', { entries: [{ email: `${'a'.repeat(320)}@x.io` }] }],
  ])('should answer 400 VALIDATION_FAILED for %s', async (_title, payload) => {
    const res = await invite(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('pending invitations', () => {
  it('should resend with a new link and restart the expiry', async () => {
    await invite({ entries: [{ email: 'g@acme.test' }] });
    t.clock.advance(6 * 86_400_000);
    const admin = await t.signInAs(t.org.adminUserId);
    const [inv] = (await t.app.inject({ method: 'GET', url: '/api/invitations', headers: { cookie: admin } })).json().items;
    const res = await t.app.inject({ method: 'POST', url: `/api/invitations/${inv.id}/resend`, headers: { cookie: admin }, payload: {} });
    expect(res.statusCode).toBe(200);
    const [after] = (await t.app.inject({ method: 'GET', url: '/api/invitations', headers: { cookie: admin } })).json().items;
    expect(Date.parse(after.expiresAt) - t.clock().getTime()).toBe(7 * 86_400_000);
    const mails = await t.mailTo('g@acme.test');
    expect(mails).toHaveLength(2);
    const oldToken = linkIn(mails[0].text, '/invitations/accept').token;
    expect((await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token: oldToken } })).json().error.code).toBe('INVITATION_INVALID');
  });

  it('should revoke: the link stops working, the placeholder user goes, the record stays', async () => {
    await invite({ entries: [{ email: 'h@acme.test' }] });
    const [inv] = (await t.app.inject({ method: 'GET', url: '/api/invitations', headers: { cookie: t.adminCookie } })).json().items;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/invitations/${inv.id}/revoke`,
          headers: { cookie: t.adminCookie },
          payload: { reason: 'Wrong person' },
        })
      ).statusCode,
    ).toBe(200);
    const { token } = linkIn((await t.mailTo('h@acme.test'))[0].text, '/invitations/accept');
    expect((await t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } })).json().error.code).toBe('INVITATION_REVOKED');
    const revoked = (await t.app.inject({ method: 'GET', url: '/api/invitations?status=revoked', headers: { cookie: t.adminCookie } })).json().items;
    expect(revoked.map((i: { email: string }) => i.email)).toEqual(['h@acme.test']);
    const users = (await t.app.inject({ method: 'GET', url: '/api/users?search=h@acme', headers: { cookie: t.adminCookie } })).json();
    expect(users.total).toBe(0);
    const again = await t.app.inject({ method: 'POST', url: `/api/invitations/${inv.id}/revoke`, headers: { cookie: t.adminCookie }, payload: {} });
    expect(again.json().error.code).toBe('INVITATION_NOT_PENDING');
  });

  it('should not let one organization see or revoke another’s invitations', async () => {
    const other = await t.newOrganization('Globex', 'root@globex.test');
    await invite({ entries: [{ email: 'i@globex.test' }] }, other.adminCookie);
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/invitations', headers: { cookie: other.adminCookie } })).json().items[0];
    expect((await t.app.inject({ method: 'GET', url: '/api/invitations', headers: { cookie: t.adminCookie } })).json().items).toHaveLength(0);
    const res = await t.app.inject({ method: 'POST', url: `/api/invitations/${theirs.id}/revoke`, headers: { cookie: t.adminCookie }, payload: {} });
    expect(res.statusCode).toBe(404);
  });
});
