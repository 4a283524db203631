import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { readTar } from '../../../../test/helpers/tar.js';
import { sha256Hex } from './tar.js';
import { sendDueReminders } from './index.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const DAY = 86_400_000;
type Json = Record<string, any>;

async function call(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return {
    status: res.statusCode,
    body: res.headers['content-type']?.toString().includes('json') ? res.json<Json>() : ({} as Json),
    raw: res.rawPayload,
    res,
  };
}

async function roleId(key: string, organizationId = t.org.organizationId) {
  return (
    await t.deps.db.selectFrom('roles').select('id').where('organization_id', '=', organizationId).where('system_key', '=', key).executeTakeFirstOrThrow()
  ).id;
}

async function roleOf(userId: string) {
  const row = await t.deps.db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select('roles.name')
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.name;
}

const due = (days = 7) => new Date(t.clock().getTime() + days * DAY).toISOString();

/** Two Security reviewers (the reviewer role's holders) and a User manager, all privileged. */
async function team() {
  const r1 = await t.createUser({ email: 'rita@acme.test', name: 'Rita Reviewer', roleKey: 'security_reviewer' });
  const r2 = await t.createUser({ email: 'ravi@acme.test', name: 'Ravi Reviewer', roleKey: 'security_reviewer' });
  const um = await t.createUser({ email: 'uma@acme.test', name: 'Uma Manager', roleKey: 'user_manager' });
  return { r1, r2, um, r1Cookie: await t.signInAs(r1), r2Cookie: await t.signInAs(r2) };
}

async function startPooledCampaign(cookie = t.adminCookie) {
  const created = await call(cookie, 'POST', '/api/access-reviews/campaigns', {
    name: 'Q4 privileged access',
    scope: { type: 'privileged' },
    reviewers: { mode: 'role_holders', roleId: await roleId('security_reviewer') },
    dueAt: due(),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

const itemOf = (campaign: Json, email: string) => campaign.items.find((i: Json) => i.user.email === email);

describe('access review snapshots', () => {
  it('should report privileged holders by role, passkey gaps, dormant accounts, invitations and tokens, stored and exported', async () => {
    const { um, r1 } = await team();
    await t.deps.db.updateTable('users').set({ last_active_at: t.clock().toISOString() }).where('id', '=', um).execute();
    const longAgo = new Date(t.clock().getTime() - 100 * DAY).toISOString();
    await t.deps.db.updateTable('users').set({ last_active_at: longAgo, last_sign_in_at: longAgo }).where('id', '=', r1).execute();
    await call(t.adminCookie, 'POST', '/api/invitations', { entries: [{ email: 'new@acme.test' }] });
    await call(t.adminCookie, 'POST', '/api/service-tokens', { name: 'collector' });
    const made = await call(t.adminCookie, 'POST', '/api/access-reviews/snapshots', { dormantDays: 30 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const report = made.body.report;
    const assign = report.privilegedAccess.find((p: Json) => p.permission === 'users.assign_role');
    expect(assign.holders.map((h: Json) => `${h.email} via ${h.role}`).sort()).toEqual(['admin@acme.test via Admin', 'uma@acme.test via User manager']);
    expect(report.passkeyGaps.map((g: Json) => g.email)).toContain('uma@acme.test');
    expect(report.dormant.map((d: Json) => d.email)).not.toContain('uma@acme.test');
    expect(report.dormant.map((d: Json) => d.email)).toContain('rita@acme.test');
    expect(report.invitations).toMatchObject([{ email: 'new@acme.test', status: 'pending' }]);
    expect(report.tokens).toMatchObject([{ kind: 'service', name: 'collector', revokedAt: null }]);
    expect(report.overrides.supported).toBe(false);

    t.clock.advance(30 * DAY);
    const admin = await t.signInAs(t.org.adminUserId);
    const later = await call(admin, 'POST', '/api/access-reviews/snapshots', {});
    expect(later.body.report.invitations[0].status).toBe('expired');
    expect(later.body.dormantDays).toBe(90);
    const list = await call(admin, 'GET', '/api/access-reviews/snapshots');
    expect(list.body.items.map((s: Json) => s.id)).toEqual([later.body.id, made.body.id]);
    const stored = await call(admin, 'GET', `/api/access-reviews/snapshots/${made.body.id}`);
    expect(stored.body.report).toEqual(report);

    const csv = await call(admin, 'GET', `/api/access-reviews/snapshots/${made.body.id}/export?format=csv`);
    expect(csv.raw.toString()).toContain('privileged_access,users.assign_role,uma@acme.test,Uma Manager,via role User manager');
    const json = await call(admin, 'GET', `/api/access-reviews/snapshots/${made.body.id}/export?format=json`);
    expect(JSON.parse(json.raw.toString()).report).toEqual(report);
    const pdf = await call(admin, 'GET', `/api/access-reviews/snapshots/${made.body.id}/export?format=pdf`);
    expect(pdf.res.headers['content-type']).toBe('application/pdf');
    const text = pdf.raw.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain('(  Uma Manager <uma@acme.test> via User manager) Tj');
    // The xref table points at each object exactly.
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
  });

  it('should let viewers of security events browse but not generate or export, and refuse members', async () => {
    const made = await call(t.adminCookie, 'POST', '/api/access-reviews/snapshots', {});
    const viewer = await t.createUser({ email: 'v@acme.test', roleKey: 'member' });
    await t.deps.db
      .insertInto('roles')
      .values({
        ...(await t.deps.db
          .selectFrom('roles')
          .selectAll()
          .where('id', '=', await roleId('viewer'))
          .executeTakeFirstOrThrow()),
        id: 'events-only',
        system_key: null,
        name: 'Events only',
        name_normalized: 'events only',
        permissions: JSON.stringify(['security.view_events']),
      })
      .execute();
    await t.deps.db.updateTable('users').set({ role_id: 'events-only' }).where('id', '=', viewer).execute();
    const cookie = await t.signInAs(viewer);
    expect((await call(cookie, 'GET', `/api/access-reviews/snapshots/${made.body.id}`)).status).toBe(200);
    expect((await call(cookie, 'POST', '/api/access-reviews/snapshots', {})).body.error.code).toBe('FORBIDDEN');
    expect((await call(cookie, 'GET', `/api/access-reviews/snapshots/${made.body.id}/export?format=pdf`)).status).toBe(403);
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test', roleKey: 'member' }));
    expect((await call(member, 'GET', '/api/access-reviews/snapshots')).status).toBe(403);
    expect((await call(member, 'GET', '/api/access-reviews/campaigns')).status).toBe(403);
  });
});

describe('access review campaigns', () => {
  it('should refuse a reviewer their own access, record the other decisions in bulk, and audit each one', async () => {
    const { r1, r1Cookie, r2Cookie } = await team();
    const campaign = await startPooledCampaign();
    expect(campaign.items.map((i: Json) => i.user.email)).toEqual(['admin@acme.test', 'ravi@acme.test', 'rita@acme.test', 'uma@acme.test']);
    expect(itemOf(campaign, 'uma@acme.test').context).toMatchObject({ privileged: true, events30d: 0, ownedContent: 0 });
    // The administrator is no reviewer here: the overview explains nothing to them about their own item.
    expect(itemOf(campaign, 'admin@acme.test').blocked).toBeNull();

    const mine = await call(r1Cookie, 'GET', '/api/access-reviews/my-items');
    const own = mine.body.items.find((i: Json) => i.user.id === r1);
    expect(own.blocked).toMatchObject({ code: 'SELF_REVIEW' });
    const single = await call(r1Cookie, 'POST', '/api/access-reviews/decisions', { itemIds: [own.id], decision: 'keep', reason: 'still needed' });
    expect([single.status, single.body.error.code]).toEqual([403, 'SELF_REVIEW']);
    expect(single.body.error.message).toMatch(/Nobody reviews their own access/);

    const bulk = await call(r1Cookie, 'POST', '/api/access-reviews/decisions', {
      itemIds: mine.body.items.map((i: Json) => i.id),
      decision: 'keep',
      reason: 'Still in the security team',
    });
    expect(bulk.body.decided).toBe(3);
    expect(bulk.body.refused).toMatchObject([{ userEmail: 'rita@acme.test', code: 'SELF_REVIEW' }]);
    const other = await call(r2Cookie, 'POST', '/api/access-reviews/decisions', { itemIds: [own.id], decision: 'keep', reason: 'Rita runs reviews' });
    expect(other.body).toEqual({ decided: 1, refused: [] });
    const empty = await call(r2Cookie, 'POST', '/api/access-reviews/decisions', { itemIds: [own.id], decision: 'keep', reason: '  ' });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'REASON_REQUIRED']);

    const outsider = await t.signInAs(await t.createUser({ email: 'o@acme.test', roleKey: 'member' }));
    const notMine = await call(outsider, 'POST', '/api/access-reviews/decisions', { itemIds: [own.id], decision: 'revoke', reason: 'x' });
    expect([notMine.status, notMine.body.error.code]).toEqual([403, 'NOT_YOUR_REVIEW']);

    const decisions = await t.deps.db.selectFrom('audit_events').select(['subject_label', 'reason']).where('action', '=', 'access_review.decision').execute();
    expect(decisions).toHaveLength(4);
    expect(decisions.find((d) => d.subject_label === 'rita@acme.test')?.reason).toBe('Rita runs reviews');
  });

  it('should refuse a reviewer certifying a role they granted, and say so, while allowing them to revoke it', async () => {
    const { um } = await team();
    const reviewer = await t.createUser({ email: 'sam@acme.test', roleKey: 'admin' });
    const samCookie = await t.signInAs(reviewer);
    const member = await t.createUser({ email: 'pat@acme.test', name: 'Pat', roleKey: 'member' });
    const change = await call(samCookie, 'PUT', `/api/users/${member}/role`, { roleId: await roleId('publisher'), reason: 'publishes templates' });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    const created = await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
      name: 'Publishers',
      scope: { type: 'role', id: await roleId('publisher') },
      reviewers: { mode: 'user', userId: reviewer },
      dueAt: due(),
    });
    const item = itemOf(created.body, 'pat@acme.test');
    expect(item.grantedBy).toMatchObject({ id: reviewer });
    const keep = await call(samCookie, 'POST', '/api/access-reviews/decisions', { itemIds: [item.id], decision: 'keep', reason: 'ok' });
    expect([keep.status, keep.body.error.code]).toEqual([403, 'CERTIFIER_NOT_INDEPENDENT']);
    expect(keep.body.error.message).toMatch(/You gave Pat the role Publisher on \d{4}-\d{2}-\d{2}, so you cannot certify it/);
    const revoke = await call(samCookie, 'POST', '/api/access-reviews/decisions', { itemIds: [item.id], decision: 'revoke', reason: 'no longer publishes' });
    expect(revoke.body.decided).toBe(1);
    expect(um).toBeTruthy();
  });

  it('should apply revocations on close through the role guardrails, keep the last administrator, and audit it', async () => {
    const { um, r1Cookie, r2Cookie } = await team();
    const campaign = await startPooledCampaign();
    const ids = (emails: string[]) => emails.map((e) => itemOf(campaign, e).id);
    await call(r1Cookie, 'POST', '/api/access-reviews/decisions', {
      itemIds: ids(['uma@acme.test', 'admin@acme.test']),
      decision: 'revoke',
      reason: 'left the team',
    });
    await call(r2Cookie, 'POST', '/api/access-reviews/decisions', { itemIds: ids(['rita@acme.test']), decision: 'keep', reason: 'reviewer' });

    // A Security reviewer may close, but not apply role changes: that needs "Assign roles", as on the user page.
    const byReviewer = await call(r1Cookie, 'POST', `/api/access-reviews/campaigns/${campaign.id}/close`, { revokeUnreviewed: false });
    expect([byReviewer.status, byReviewer.body.error.code]).toEqual([403, 'FORBIDDEN']);

    const closed = await call(t.adminCookie, 'POST', `/api/access-reviews/campaigns/${campaign.id}/close`, { revokeUnreviewed: false });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(await roleOf(um)).toBe('Viewer');
    expect(await roleOf(t.org.adminUserId)).toBe('Admin');
    const outcomes = Object.fromEntries(closed.body.items.map((i: Json) => [i.user.email, i.outcome]));
    expect(outcomes).toEqual({ 'admin@acme.test': 'refused', 'uma@acme.test': 'revoked', 'rita@acme.test': 'kept', 'ravi@acme.test': 'unreviewed' });
    expect(itemOf(closed.body, 'admin@acme.test').outcomeMessage).toMatch(/own role/);
    const changed = await t.deps.db.selectFrom('audit_events').select(['subject_label', 'reason']).where('action', '=', 'user.role_changed').execute();
    expect(changed).toEqual([{ subject_label: 'uma@acme.test', reason: 'Access review "Q4 privileged access". Revoke: left the team' }]);
    const again = await call(t.adminCookie, 'POST', `/api/access-reviews/campaigns/${campaign.id}/close`, { revokeUnreviewed: true });
    expect([again.status, again.body.error.code]).toEqual([409, 'CAMPAIGN_CLOSED']);
    const late = await call(r2Cookie, 'POST', '/api/access-reviews/decisions', { itemIds: ids(['ravi@acme.test']), decision: 'keep', reason: 'late' });
    expect(late.body.error.code).toBe('CAMPAIGN_CLOSED');
  });

  it('should never leave the organization without an administrator when closing revokes every administrator', async () => {
    const second = await t.createUser({ email: 'bob@acme.test', roleKey: 'admin' });
    const bob = await t.signInAs(second);
    const created = await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
      name: 'Admins',
      scope: { type: 'role', id: await roleId('admin') },
      reviewers: { mode: 'user', userId: t.org.adminUserId, fallbackUserId: second },
      dueAt: '2026-12-31',
    });
    expect(created.body.dueAt).toBe('2026-12-31T23:59:59.999Z');
    // Alice's own item went to the fallback reviewer, Bob; nobody decides on it: it is revoked as unreviewed.
    expect(itemOf(created.body, 'admin@acme.test').reviewer.id).toBe(second);
    await call(t.adminCookie, 'POST', '/api/access-reviews/decisions', {
      itemIds: [itemOf(created.body, 'bob@acme.test').id],
      decision: 'revoke',
      reason: 'x',
    });
    const closed = await call(bob, 'POST', `/api/access-reviews/campaigns/${created.body.id}/close`, { revokeUnreviewed: true });
    const outcomes = Object.fromEntries(closed.body.items.map((i: Json) => [i.user.email, i.outcome]));
    expect(outcomes).toEqual({ 'admin@acme.test': 'revoked', 'bob@acme.test': 'refused' });
    const admins = await t.deps.db
      .selectFrom('users')
      .select('email')
      .where('role_id', '=', await roleId('admin'))
      .where('status', '=', 'active')
      .execute();
    expect(admins).toEqual([{ email: 'bob@acme.test' }]);
  });

  it('should send reviewers of a campaign their own items by manager, with a fallback when the manager is unknown', async () => {
    const manager = await t.createUser({ email: 'meg@acme.test', roleKey: 'member' });
    const report = await t.createUser({ email: 'rob@acme.test', roleKey: 'user_manager' });
    const now = t.clock().toISOString();
    await t.deps.db
      .insertInto('scim_users')
      .values({
        user_id: report,
        organization_id: t.org.organizationId,
        user_name: 'rob',
        user_name_normalized: 'rob',
        external_id: null,
        given_name: null,
        family_name: null,
        email_type: null,
        profile: '{}',
        enterprise: JSON.stringify({ manager: { value: manager } }),
        token_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const created = await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
      name: 'By manager',
      scope: { type: 'privileged' },
      reviewers: { mode: 'manager' },
      dueAt: due(),
    });
    expect(itemOf(created.body, 'rob@acme.test').reviewer.id).toBe(manager);
    expect(itemOf(created.body, 'admin@acme.test').reviewer.id).toBe(manager === t.org.adminUserId ? '' : t.org.adminUserId);
    const megItems = await call(await t.signInAs(manager), 'GET', '/api/access-reviews/my-items');
    expect(megItems.body.items.map((i: Json) => i.user.email)).toEqual(['rob@acme.test']);
  });

  it('should scope a campaign to a group’s members, or to a Workspace’s members directly and through its groups', async () => {
    const ann = await t.createUser({ email: 'ann@acme.test', roleKey: 'member' });
    const ben = await t.createUser({ email: 'ben@acme.test', roleKey: 'viewer' });
    await t.createUser({ email: 'cai@acme.test', roleKey: 'member' });
    const group = await call(t.adminCookie, 'POST', '/api/groups', { name: 'QA reviewers' });
    await call(t.adminCookie, 'POST', `/api/groups/${group.body.id}/members`, { userIds: [ann] });
    const start = (scope: object) =>
      call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', { name: 'Scoped', scope, reviewers: { mode: 'manager' }, dueAt: due() });
    const byGroup = await start({ type: 'group', id: group.body.id });
    expect([byGroup.body.scope.label, byGroup.body.items.map((i: Json) => i.user.email)]).toEqual(['Group "QA reviewers"', ['ann@acme.test']]);
    const ws = await call(t.adminCookie, 'POST', '/api/workspaces', { name: 'Launch', type: 'collaborative' });
    expect(ws.status, JSON.stringify(ws.body)).toBe(201);
    const members = await call(t.adminCookie, 'PUT', `/api/workspaces/${ws.body.id}/members`, {
      members: [
        { type: 'user', id: ben, role: 'viewer' },
        { type: 'group', id: group.body.id, role: 'editor' },
      ],
    });
    expect(members.status, JSON.stringify(members.body)).toBe(200);
    const byWorkspace = await start({ type: 'workspace', id: ws.body.id });
    expect(byWorkspace.body.items.map((i: Json) => i.user.email).sort()).toEqual(['admin@acme.test', 'ann@acme.test', 'ben@acme.test']);
    const everyone = await start({ type: 'all' });
    expect(everyone.body.counts.items).toBe(4);
  });

  it('should refuse bad campaigns with a readable code', async () => {
    const bad = async (body: object) =>
      (
        await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
          name: 'x',
          scope: { type: 'all' },
          reviewers: { mode: 'manager' },
          dueAt: due(),
          ...body,
        })
      ).body.error.code;
    expect(await bad({ dueAt: '2020-01-01' })).toBe('DUE_DATE_PAST');
    expect(await bad({ dueAt: 'tomorrow please' })).toBe('DUE_DATE_PAST');
    expect(await bad({ scope: { type: 'role' } })).toBe('SCOPE_ID_REQUIRED');
    expect(await bad({ scope: { type: 'group', id: 'nope' } })).toBe('SCOPE_NOT_FOUND');
    expect(await bad({ reviewers: { mode: 'user' } })).toBe('REVIEWER_REQUIRED');
    expect(await bad({ reviewers: { mode: 'user', userId: 'nope' } })).toBe('REVIEWER_NOT_FOUND');
    expect(await bad({ scope: { type: 'sideways' } })).toBe('VALIDATION_FAILED');
  });

  it('should keep each organization’s snapshots, campaigns and items to itself', async () => {
    await team();
    const campaign = await startPooledCampaign();
    const snapshot = (await call(t.adminCookie, 'POST', '/api/access-reviews/snapshots', {})).body;
    const other = await t.newOrganization('Globex', 'root@globex.test');
    const theirRole = await roleId('admin', other.organizationId);
    expect((await call(other.adminCookie, 'GET', `/api/access-reviews/campaigns/${campaign.id}`)).status).toBe(404);
    expect((await call(other.adminCookie, 'GET', `/api/access-reviews/snapshots/${snapshot.id}`)).status).toBe(404);
    expect((await call(other.adminCookie, 'GET', `/api/access-reviews/campaigns/${campaign.id}/evidence`)).status).toBe(404);
    expect((await call(other.adminCookie, 'POST', `/api/access-reviews/campaigns/${campaign.id}/close`, { revokeUnreviewed: true })).status).toBe(404);
    const decide = await call(other.adminCookie, 'POST', '/api/access-reviews/decisions', { itemIds: [campaign.items[0].id], decision: 'revoke', reason: 'x' });
    expect([decide.status, decide.body.error.code]).toEqual([404, 'ITEM_NOT_FOUND']);
    expect((await call(other.adminCookie, 'GET', '/api/access-reviews/campaigns')).body.items).toEqual([]);
    expect((await call(other.adminCookie, 'GET', '/api/access-reviews/snapshots')).body.items).toEqual([]);
    const scoped = await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
      name: 'x',
      scope: { type: 'role', id: theirRole },
      reviewers: { mode: 'manager' },
      dueAt: due(),
    });
    expect(scoped.body.error.code).toBe('SCOPE_NOT_FOUND');
  });
});

describe('evidence and reminders', () => {
  it('should export an evidence package whose manifest digests match its files and the audit log', async () => {
    const { r1Cookie } = await team();
    const campaign = await startPooledCampaign();
    await call(r1Cookie, 'POST', '/api/access-reviews/decisions', {
      itemIds: [itemOf(campaign, 'uma@acme.test').id],
      decision: 'revoke',
      reason: 'left the team',
    });
    await call(t.adminCookie, 'POST', `/api/access-reviews/campaigns/${campaign.id}/close`, { revokeUnreviewed: false });
    const evidence = await call(t.adminCookie, 'GET', `/api/access-reviews/campaigns/${campaign.id}/evidence`);
    expect(evidence.res.headers['content-type']).toBe('application/x-tar');
    const files = readTar(evidence.raw);
    const byName = new Map(files.map((f) => [f.name.split('/').pop()!, f.content]));
    expect([...byName.keys()].sort()).toEqual([
      'MANIFEST.sha256',
      'README.txt',
      'audit-events.json',
      'campaign.json',
      'changes.json',
      'decisions.csv',
      'items.json',
    ]);
    for (const line of byName.get('MANIFEST.sha256')!.toString().trim().split('\n')) {
      const [digest, name] = line.split('  ');
      expect(sha256Hex(byName.get(name)!), name).toBe(digest);
    }
    // Each event carries its link in the live hash chain, so an auditor can match it to the log.
    const events = JSON.parse(byName.get('audit-events.json')!.toString()) as { id: string; chain_seq: number; hash: string }[];
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const live = await t.deps.db.selectFrom('audit_events').select(['chain_seq', 'hash']).where('id', '=', e.id).executeTakeFirstOrThrow();
      expect({ chain_seq: e.chain_seq, hash: e.hash }).toEqual(live);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const items = JSON.parse(byName.get('items.json')!.toString());
    expect(items.find((i: Json) => i.user.email === 'uma@acme.test')).toMatchObject({
      decision: 'revoke',
      reason: 'left the team',
      reviewerOfRecord: 'Rita Reviewer <rita@acme.test>',
      outcome: 'revoked',
    });
    expect(JSON.parse(byName.get('changes.json')!.toString())).toMatchObject([{ from: 'User manager', to: 'Viewer', outcome: 'revoked' }]);
    const actions = JSON.parse(byName.get('audit-events.json')!.toString()).map((e: Json) => e.action);
    // Events of one transaction share a timestamp; their order within it is not asserted.
    expect(actions.sort()).toEqual(['access_review.campaign_closed', 'access_review.campaign_started', 'access_review.decision', 'user.role_changed']);
    const exported = await t.deps.db
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'access_review.evidence_exported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(exported.after!).manifestSha256).toBe(sha256Hex(byName.get('MANIFEST.sha256')!));
  });

  it('should remind each reviewer with undecided items once, shortly before the due date', async () => {
    const { r1Cookie } = await team();
    const campaign = await startPooledCampaign();
    expect(await sendDueReminders(t.deps)).toBe(0);
    t.clock.advance(5 * DAY);
    await call(r1Cookie, 'POST', '/api/access-reviews/decisions', { itemIds: [itemOf(campaign, 'uma@acme.test').id], decision: 'keep', reason: 'ok' });
    // Two processes' rounds at once still send each reminder once.
    const rounds = await Promise.all([sendDueReminders(t.deps), sendDueReminders(t.deps)]);
    expect(rounds[0] + rounds[1]).toBe(2);
    expect(await sendDueReminders(t.deps)).toBe(0);
    const mail = await t.mailTo('ravi@acme.test');
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Reminder: access review "Q4 privileged access" is due ' + campaign.dueAt.slice(0, 10));
    expect(mail[0].text).toContain('http://localhost:3000/account/reviews');
    expect(await t.mailTo('uma@acme.test')).toEqual([]);
  });
});
