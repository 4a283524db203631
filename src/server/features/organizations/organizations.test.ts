import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('organization settings', () => {
  it('should default to 7-day invitations, any domain, no reason required', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/organization/settings', headers: { cookie: t.adminCookie } });
    expect(res.json()).toMatchObject({ name: 'Acme Corp', invitationExpiryDays: 7, allowedEmailDomains: [], businessReasonRequired: false });
  });

  it('should save settings, normalise domains and audit the policy change as high risk', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: { cookie: t.adminCookie },
      payload: {
        invitationExpiryDays: 14,
        allowedEmailDomains: ['@Acme.test', 'acme.test', 'corp.acme.test'],
        requirePasskeysForPrivilegedUsers: true,
        reason: 'Security review',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      invitationExpiryDays: 14,
      allowedEmailDomains: ['acme.test', 'corp.acme.test'],
      requirePasskeysForPrivilegedUsers: true,
    });
    // The admin now has to enrol a passkey before reading the audit log, so read the event directly.
    const row = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'organization.settings_updated').executeTakeFirstOrThrow();
    const event = { ...row, before: JSON.parse(row.before!), after: JSON.parse(row.after!) };
    expect(event).toMatchObject({
      action: 'organization.settings_updated',
      category: 'policy',
      risk: 'high',
      reason: 'Security review',
      before: { invitationExpiryDays: 7 },
      after: { invitationExpiryDays: 14 },
    });
    const gated = await t.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie: t.adminCookie } });
    expect(gated.json().error.code).toBe('PASSKEY_ENROLLMENT_REQUIRED');
  });

  it.each([
    ['a malformed domain', { allowedEmailDomains: ['not a domain'] }, 'INVALID_DOMAIN'],
    ['an expiry of 0 days', { invitationExpiryDays: 0 }, 'VALIDATION_FAILED'],
    ['an expiry of 91 days', { invitationExpiryDays: 91 }, 'VALIDATION_FAILED'],
  ])('should refuse %s with a 400', async (_title, payload, code) => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/organization/settings', headers: { cookie: t.adminCookie }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
  });

  it('should not let a user manager change organization settings', async () => {
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    const res = await t.app.inject({ method: 'PATCH', url: '/api/organization/settings', headers: { cookie: manager }, payload: { invitationExpiryDays: 30 } });
    expect(res.statusCode).toBe(403);
  });

  it('should show the settings only to roles with "View organization settings", not to a role that may only view users', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/roles',
      headers: { cookie: t.adminCookie },
      payload: { name: 'User directory', permissions: ['users.view'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const userId = await t.createUser({ email: 'directory@acme.test' });
    const assigned = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${userId}/role`,
      headers: { cookie: t.adminCookie },
      payload: { roleId: created.json().id, reason: 'Directory lookups' },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const viewerOfUsers = await t.app.inject({ method: 'GET', url: '/api/organization/settings', headers: { cookie: await t.signInAs(userId) } });
    expect(viewerOfUsers.statusCode).toBe(403);
    expect(viewerOfUsers.json().error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'organization.view_settings' } });

    const reviewer = await t.signInAs(await t.createUser({ email: 'reviewer@acme.test', roleKey: 'security_reviewer' }));
    const allowed = await t.app.inject({ method: 'GET', url: '/api/organization/settings', headers: { cookie: reviewer } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ allowedEmailDomains: [], businessReasonRequired: false });
  });
});
