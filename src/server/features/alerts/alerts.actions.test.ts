import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceToken } from '../../../../test/helpers/content.js';
import { personRow } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { alertDigestRound } from './alerts.digest.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, cookie = t.adminCookie) {
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** An open alert, raised the way the product raises one: a service token is created. */
async function raiseAlert(name = 'Warehouse sync', cookie = t.adminCookie): Promise<string> {
  await serviceToken(t, cookie, name);
  const list = (await call('GET', '/api/security/alerts?status=open', undefined, cookie)).json();
  return list.items[0].id;
}

async function auditOf(action: string) {
  return t.deps.db.selectFrom('audit_events').selectAll().where('organization_id', '=', t.org.organizationId).where('action', '=', action).execute();
}

describe('acting on alerts', () => {
  it('should dismiss only with a reason, record who and why in the audit log, and refuse to dismiss twice', async () => {
    const id = await raiseAlert();
    const noReason = await call('POST', `/api/security/alerts/${id}/dismiss`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/api/security/alerts/open-count')).json()).toEqual({ open: 1, capped: false });

    const dismissed = await call('POST', `/api/security/alerts/${id}/dismiss`, { reason: 'Expected: the data team asked for it' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', dismissReason: 'Expected: the data team asked for it' });
    expect((await call('GET', '/api/security/alerts/open-count')).json()).toEqual({ open: 0, capped: false });
    const [audit] = await auditOf('alert.dismissed');
    expect(audit).toMatchObject({ actor_user_id: t.org.adminUserId, reason: 'Expected: the data team asked for it', subject_id: id });
    expect(JSON.parse(audit.before!)).toMatchObject({ status: 'open', rule: 'token_created' });

    const again = await call('POST', `/api/security/alerts/${id}/dismiss`, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALERT_ALREADY_DISMISSED');
    expect((await call('GET', '/api/security/alerts?status=dismissed')).json().items).toHaveLength(1);
  });

  it('should assign an alert only to someone who may view security events, and list what is assigned to me', async () => {
    const id = await raiseAlert();
    const member = await t.createUser({ email: 'member@acme.test' });
    const refused = await call('POST', `/api/security/alerts/${id}/assign`, { assigneeId: member });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('ASSIGNEE_NOT_ELIGIBLE');

    const assignees = (await call('GET', '/api/security/alerts/assignees')).json().items;
    expect(assignees.map((a: { email: string }) => a.email)).toEqual(['admin@acme.test']);
    const assigned = await call('POST', `/api/security/alerts/${id}/assign`, { assigneeId: t.org.adminUserId });
    expect(assigned.json().assignee).toEqual({ id: t.org.adminUserId, name: expect.any(String) });
    expect((await call('GET', '/api/security/alerts?assignedToMe=true')).json().items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(await auditOf('alert.assigned')).toHaveLength(1);
  });

  it('should escalate: high risk, audited with the reason, and an email to everyone who may view security events', async () => {
    const id = await raiseAlert();
    const res = await call('POST', `/api/security/alerts/${id}/escalate`, { reason: 'Nobody on the data team asked for this' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ risk: 'high', escalatedAt: t.clock().toISOString() });
    const [mail] = await t.mailTo('admin@acme.test');
    expect(mail.subject).toBe('Escalated security alert: A new service token “Warehouse sync” was created.');
    expect(mail.text).toContain('Nobody on the data team asked for this');
    expect(await auditOf('alert.escalated')).toHaveLength(1);

    const again = await call('POST', `/api/security/alerts/${id}/escalate`, { reason: 'Still worried' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALERT_ALREADY_ESCALATED');
    expect(await t.mailTo('admin@acme.test')).toHaveLength(1);
  });

  it('should assign to and email every viewer, however many there are (not only the first by name)', async () => {
    const zoe = await seedAdmins(1_001, 'Zoe Last');
    const id = await raiseAlert();
    const assigned = await call('POST', `/api/security/alerts/${id}/assign`, { assigneeId: zoe });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toEqual({ id: zoe, name: 'Zoe Last' });

    expect((await call('POST', `/api/security/alerts/${id}/escalate`, { reason: 'Everyone should look' })).statusCode).toBe(200);
    expect(await t.mailTo('zoe.last@acme.test')).toHaveLength(1);
  });

  it('should let only one of two simultaneous dismissals through, with one audit event', async () => {
    const id = await raiseAlert();
    const answers = await Promise.all(
      ['First look: expected', 'Second look: expected'].map((reason) => call('POST', `/api/security/alerts/${id}/dismiss`, { reason })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.code).toBe('ALERT_ALREADY_DISMISSED');
    expect(await auditOf('alert.dismissed')).toHaveLength(1);
  });

  it('should keep alerts to their organization and to people who may view security events', async () => {
    const id = await raiseAlert();
    const other = await t.newOrganization('Globex', 'admin@globex.test');
    expect((await call('GET', '/api/security/alerts', undefined, other.adminCookie)).json().items).toEqual([]);
    const foreign = await call('POST', `/api/security/alerts/${id}/dismiss`, { reason: 'not mine' }, other.adminCookie);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('ALERT_NOT_FOUND');

    const viewer = await t.signInAs(await t.createUser({ email: 'viewer@acme.test', roleKey: 'member' }));
    expect((await call('GET', '/api/security/alerts', undefined, viewer)).statusCode).toBe(403);
    expect((await call('POST', `/api/security/alerts/${id}/dismiss`, { reason: 'x' }, viewer)).statusCode).toBe(403);
  });

  it('should email a daily digest of new alerts to administrators who opted in, once a day', async () => {
    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: true })).json()).toEqual({ subscribed: true });
    t.clock.advance(60_000);
    await raiseAlert('Nightly export');
    t.clock.advance(60_000);
    const round = alertDigestRound(t.deps, t.deps.logger);
    expect(await round()).toBe(1);
    const digests = (await t.mailTo('admin@acme.test')).filter((m) => m.subject.startsWith('Security alerts digest'));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Security alerts digest: 1 new');
    expect(digests[0].text).toContain('A new service token “Nightly export” was created.');

    await raiseAlert('Second export');
    expect(await round()).toBe(0);
    t.clock.advance(24 * 3600_000);
    expect(await round()).toBe(1);
    expect((await t.mailTo('admin@acme.test')).filter((m) => m.text.includes('Second export'))).toHaveLength(1);
    // A day later the first session has ended: a new one.
    const cookie = await t.signInAs(t.org.adminUserId);
    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: false }, cookie)).json()).toEqual({ subscribed: false });
    t.clock.advance(24 * 3600_000);
    await raiseAlert('Third export', await t.signInAs(t.org.adminUserId));
    expect(await round()).toBe(0);
  });

  it('should record opting in and out of the digest in the audit log, once per change, and only for oneself', async () => {
    expect((await call('GET', '/api/security/alerts/digest')).json()).toEqual({ subscribed: false });
    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: true })).json()).toEqual({ subscribed: true });
    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: true })).json()).toEqual({ subscribed: true });
    expect((await call('GET', '/api/security/alerts/digest')).json()).toEqual({ subscribed: true });
    const [optIn, ...again] = await auditOf('alert.digest_subscribed');
    expect(again).toHaveLength(0);
    expect(optIn).toMatchObject({ actor_user_id: t.org.adminUserId, subject_id: t.org.adminUserId, category: 'admin', risk: 'low' });
    expect(JSON.parse(optIn.after!)).toEqual({ digest: true });

    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: false })).json()).toEqual({ subscribed: false });
    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: false })).json()).toEqual({ subscribed: false });
    const optOut = await auditOf('alert.digest_unsubscribed');
    expect(optOut).toHaveLength(1);
    expect(JSON.parse(optOut[0].before!)).toEqual({ digest: true });

    // Someone who may not view security events cannot subscribe (the digest would show them alerts).
    const member = await t.signInAs(await t.createUser({ email: 'member@acme.test', roleKey: 'member' }));
    expect((await call('PUT', '/api/security/alerts/digest', { subscribed: true }, member)).statusCode).toBe(403);
    expect(await auditOf('alert.digest_subscribed')).toHaveLength(1);
  });
});

/** `count` Admins named "Admin 0000"… who sort before `lastName`, then `lastName` itself; returns the last one's id. */
async function seedAdmins(count: number, lastName: string): Promise<string> {
  const admin = await t.deps.db
    .selectFrom('roles')
    .select('id')
    .where('organization_id', '=', t.org.organizationId)
    .where('system_key', '=', 'admin')
    .executeTakeFirstOrThrow();
  const person = (name: string, email: string) =>
    personRow({
      id: t.deps.newId(),
      organizationId: t.org.organizationId,
      email,
      name,
      roleId: admin.id,
      status: 'active',
      createdAt: t.clock().toISOString(),
      lastActiveAt: null,
    });
  const rows = Array.from({ length: count }, (_, i) => person(`Admin ${String(i).padStart(4, '0')}`, `admin${i}@acme.test`));
  rows.push(person(lastName, `${lastName.toLowerCase().replace(' ', '.')}@acme.test`));
  for (let i = 0; i < rows.length; i += 200)
    await t.deps.db
      .insertInto('users')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows[rows.length - 1].id;
}
