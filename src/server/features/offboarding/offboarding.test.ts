import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerItems, sampleItems, serviceToken } from '../../../../test/helpers/content.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { purgeDeletedUsers } from './offboarding.purge.js';

let t: TestApp;
let token: string;
let adminCookie: string;
beforeEach(async () => {
  // Webhook endpoints here are on 127.0.0.1 and never called (the tests read the outbox).
  t = await buildTestApp({ config: { webhookAllowPrivate: true } });
  token = await serviceToken(t);
  adminCookie = t.adminCookie;
});

/** Moves the clock; the admin signs in again (sessions have an absolute lifetime). */
async function advanceDays(days: number) {
  t.clock.advance(days * 86_400_000);
  adminCookie = await t.signInAs(t.org.adminUserId);
}
afterEach(async () => t.close());

async function api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, cookie = adminCookie) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() };
}

async function items(ownerUserId?: string) {
  const q = ownerUserId ? `?ownerUserId=${ownerUserId}&limit=200` : '?limit=200';
  return (await api('GET', `/api/content-items${q}`)).body.items as {
    id: string;
    externalId: string;
    owner: { id: string } | null;
    sequenceStatus: string | null;
    type: string;
  }[];
}

async function auditActions() {
  return ((await api('GET', '/api/audit-events?limit=200')).body.items as { action: string }[]).map((e) => e.action);
}

describe('deactivate and reactivate', () => {
  it('should end every session at once, revoke pending invitations, and pause active Sequences, remembering them', async () => {
    const dana = await t.createUser({ email: 'dana@acme.test', name: 'Dana' });
    const danaCookie = await t.signInAs(dana);
    expect((await api('GET', '/api/auth/me', undefined, danaCookie)).status).toBe(200);
    await registerItems(t, token, sampleItems(dana));
    // A pending invitation for someone who has not accepted yet is revoked by deactivation too.
    const invite = await api('POST', '/api/invitations', { entries: [{ email: 'ivy@acme.test' }] });
    expect(invite.status).toBe(200);
    const ivy = (await api('GET', '/api/users?status=invited')).body.items.find((u: { email: string }) => u.email === 'ivy@acme.test').id;

    const res = await api('POST', `/api/users/${dana}/deactivate`, { reason: 'Left the company' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'deactivated', sessionsRevoked: 1, invitationsRevoked: 0, sequencesPaused: 2 });
    expect((await api('GET', '/api/auth/me', undefined, danaCookie)).status).toBe(401);
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'dana@acme.test' } });
    expect(await t.mailTo('dana@acme.test')).toHaveLength(0);

    const owned = await items(dana);
    expect(owned.filter((i) => i.type === 'sequence').map((i) => i.sequenceStatus)).toEqual(['paused', 'paused', 'paused']);
    const paused = await api('GET', `/api/users/${dana}/paused-sequences`);
    expect(paused.body.items.map((s: { title: string }) => s.title)).toEqual(['Onboarding emails', 'Renewal reminders']);

    const ivyRes = await api('POST', `/api/users/${ivy}/deactivate`, {});
    expect(ivyRes.body.invitationsRevoked).toBe(1);
    const invitations = await api('GET', '/api/invitations?status=revoked');
    expect(invitations.body.items.map((i: { email: string }) => i.email)).toContain('ivy@acme.test');

    const event = (await api('GET', `/api/audit-events?subjectId=${dana}`)).body.items[0];
    expect(event).toMatchObject({
      action: 'user.deactivated',
      category: 'access',
      risk: 'high',
      reason: 'Left the company',
      before: { status: 'active' },
      after: { status: 'deactivated' },
    });
  });

  it('should reactivate and resume only the Sequences chosen', async () => {
    const dana = await t.createUser({ email: 'dana@acme.test' });
    const ids = await registerItems(t, token, sampleItems(dana));
    await api('POST', `/api/users/${dana}/deactivate`, {});
    const res = await api('POST', `/api/users/${dana}/reactivate`, { resumeSequenceIds: [ids.get('x-seq1')] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'active', sequencesResumed: 1 });
    const seqs = (await items(dana)).filter((i) => i.type === 'sequence');
    expect(Object.fromEntries(seqs.map((s) => [s.externalId, s.sequenceStatus]))).toEqual({ 'x-seq1': 'active', 'x-seq2': 'paused', 'x-seq3': 'paused' });
    expect((await api('GET', `/api/users/${dana}/paused-sequences`)).body.items).toEqual([]);
    expect((await api('GET', `/api/users/${dana}`)).body.status).toBe('active');
    // The user can sign in again.
    await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: 'dana@acme.test' } });
    expect(await t.mailTo('dana@acme.test')).toHaveLength(1);
  });

  it('should refuse: yourself, someone who outranks you, twice, a Sequence it did not pause, and without the permission', async () => {
    const self = await api('POST', `/api/users/${t.org.adminUserId}/deactivate`, {});
    expect(self).toMatchObject({ status: 403, body: { error: { code: 'SELF_DEACTIVATION' } } });

    const manager = await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' });
    const managerCookie = await t.signInAs(manager);
    const outranked = await api('POST', `/api/users/${t.org.adminUserId}/deactivate`, {}, managerCookie);
    expect(outranked).toMatchObject({ status: 403, body: { error: { code: 'TARGET_OUTRANKS_ACTOR' } } });
    expect((await api('GET', `/api/users/${t.org.adminUserId}`)).body.status).toBe('active');

    const dana = await t.createUser({ email: 'dana@acme.test' });
    expect((await api('POST', `/api/users/${dana}/reactivate`, {})).body.error.code).toBe('USER_NOT_DEACTIVATED');
    await api('POST', `/api/users/${dana}/deactivate`, {});
    expect((await api('POST', `/api/users/${dana}/deactivate`, {})).body.error.code).toBe('ALREADY_DEACTIVATED');
    const other = await t.createUser({ email: 'o@acme.test' });
    const ids = await registerItems(t, token, [{ externalId: 'other-seq', type: 'sequence', title: 'Not Dana’s', ownerUserId: other }]);
    const wrong = await api('POST', `/api/users/${dana}/reactivate`, { resumeSequenceIds: [ids.get('other-seq')] });
    expect(wrong).toMatchObject({ status: 422, body: { error: { code: 'SEQUENCE_NOT_RESUMABLE' } } });

    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test', roleKey: 'member' }));
    expect((await api('POST', `/api/users/${other}/deactivate`, {}, member)).status).toBe(403);
  });

  it('should not reach another organization’s users', async () => {
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const theirs = await t.createUser({ email: 'g@globex.test', organizationId: globex.organizationId });
    expect((await api('POST', `/api/users/${theirs}/deactivate`, {})).status).toBe(404);
    expect((await api('GET', `/api/users/${theirs}/ownership`)).status).toBe(404);
    expect((await api('POST', `/api/users/${theirs}/delete`, { dryRun: true, plan: { ownership: {}, collaborators: {} } })).status).toBe(404);
    expect((await api('POST', `/api/users/${theirs}/restore`, {})).status).toBe(404);
  });
});

describe('delete with an ownership plan', () => {
  let dana: string;
  let bob: string;
  let carol: string;
  let ids: Map<string, string>;

  beforeEach(async () => {
    dana = await t.createUser({ email: 'Dana.Doe@acme.test', name: 'Dana Doe' });
    bob = await t.createUser({ email: 'bob@acme.test', name: 'Bob' });
    carol = await t.createUser({ email: 'carol@acme.test', name: 'Carol' });
    ids = await registerItems(t, token, [
      ...sampleItems(dana),
      // Dana collaborates on Bob's items; Carol already sits on one of them.
      { externalId: 'bob-1', type: 'codraft', title: 'Bob draft', ownerUserId: bob, collaborators: [{ userId: dana, role: 'editor' }] },
      {
        externalId: 'bob-2',
        type: 'cosheet',
        title: 'Bob sheet',
        ownerUserId: bob,
        collaborators: [
          { userId: dana, role: 'viewer' },
          { userId: carol, role: 'editor' },
        ],
      },
    ]);
  });

  const fullPlan = () => ({
    plan: {
      ownership: {
        all: { action: 'keep' },
        byType: { codraft: { action: 'transfer', toUserId: bob } },
        items: [{ itemId: ids.get('x-seq1')!, decision: { action: 'transfer', toUserId: carol } }],
      },
      collaborators: { all: { action: 'replace', toUserId: carol } },
    },
    reason: 'Contract ended',
    policyAcknowledged: true,
    confirmEmail: 'dana.doe@acme.test',
  });

  it('should review the seven types with counts, and page through the items', async () => {
    const review = await api('GET', `/api/users/${dana}/ownership`);
    expect(review.status).toBe(200);
    expect(review.body.owned).toEqual([
      { type: 'workspace', count: 1 },
      { type: 'codraft', count: 1 },
      { type: 'cosheet', count: 1 },
      { type: 'comeeting', count: 1 },
      { type: 'template', count: 1 },
      { type: 'orchestration', count: 1 },
      { type: 'sequence', count: 3 },
    ]);
    expect(review.body).toMatchObject({ ownedTotal: 9, collaboratorSeats: 2, activeSequences: 2, restoreDays: 30 });
    const page1 = await api('GET', `/api/users/${dana}/ownership/items?limit=5`);
    expect(page1.body.items).toHaveLength(5);
    const page2 = await api('GET', `/api/users/${dana}/ownership/items?limit=5&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(4);
    expect(page2.body.nextCursor).toBeNull();
    const seqs = await api('GET', `/api/users/${dana}/ownership/items?type=sequence`);
    expect(seqs.body.items).toHaveLength(3);
    const seats = await api('GET', `/api/users/${dana}/ownership/items?relation=collaborating`);
    expect(seats.body.items.map((i: { collaboratorRole: string }) => i.collaboratorRole).sort()).toEqual(['editor', 'viewer']);
  });

  it('should preview the whole plan in a dry run without changing anything', async () => {
    const res = await api('POST', `/api/users/${dana}/delete`, { ...fullPlan(), dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.ready).toBe(true);
    expect(res.body.problems).toEqual([]);
    expect(res.body.summary.transfers).toEqual(
      expect.arrayContaining([
        { to: { id: bob, name: 'Bob', email: 'bob@acme.test' }, count: 1, byType: [{ type: 'codraft', count: 1 }] },
        { to: { id: carol, name: 'Carol', email: 'carol@acme.test' }, count: 1, byType: [{ type: 'sequence', count: 1 }] },
      ]),
    );
    expect(res.body.summary.keptForOrganization.count).toBe(7);
    // bob-2 already has Carol: her seat stays, Dana's is removed; bob-1 gets Carol.
    expect(res.body.summary.seats).toEqual({ replaced: 1, removed: 1, undecided: 0 });
    expect(res.body.summary.sequencesPausedForOrganization).toBe(1);
    expect(await items(dana)).toHaveLength(9);
    expect((await api('GET', `/api/users/${dana}`)).body.status).toBe('active');

    const empty = await api('POST', `/api/users/${dana}/delete`, { dryRun: true, plan: { ownership: {}, collaborators: {} } });
    expect(empty.body.ready).toBe(false);
    expect(empty.body.problems.map((p: { code: string }) => p.code)).toEqual([
      'OWNERSHIP_DECISION_MISSING',
      'COLLABORATOR_DECISION_MISSING',
      'REASON_REQUIRED',
      'POLICY_NOT_ACKNOWLEDGED',
      'EMAIL_CONFIRMATION_MISMATCH',
    ]);
    expect(empty.body.summary.undecided.count).toBe(9);
  });

  it('should refuse every incomplete or unsafe plan with a clear code, changing nothing', async () => {
    const deactivated = await t.createUser({ email: 'gone@acme.test', status: 'deactivated' });
    const globex = await t.newOrganization('Globex', 'root@globex.test');
    const cases: [string, number, unknown][] = [
      ['OWNERSHIP_DECISION_MISSING', 422, { ...fullPlan(), plan: { ...fullPlan().plan, ownership: { byType: { codraft: { action: 'keep' } } } } }],
      ['TRANSFER_TARGET_NOT_ACTIVE', 422, { ...fullPlan(), plan: { ...fullPlan().plan, ownership: { all: { action: 'transfer', toUserId: deactivated } } } }],
      [
        'TRANSFER_TARGET_NOT_FOUND',
        422,
        { ...fullPlan(), plan: { ...fullPlan().plan, ownership: { all: { action: 'transfer', toUserId: globex.adminUserId } } } },
      ],
      ['TRANSFER_TARGET_IS_USER', 422, { ...fullPlan(), plan: { ...fullPlan().plan, ownership: { all: { action: 'transfer', toUserId: dana } } } }],
      [
        'TRANSFER_TARGET_NOT_ACTIVE',
        422,
        { ...fullPlan(), plan: { ...fullPlan().plan, collaborators: { all: { action: 'replace', toUserId: deactivated } } } },
      ],
      [
        'PLAN_ITEM_NOT_OWNED',
        422,
        {
          ...fullPlan(),
          plan: { ...fullPlan().plan, ownership: { all: { action: 'keep' }, items: [{ itemId: ids.get('bob-1')!, decision: { action: 'keep' } }] } },
        },
      ],
      ['COLLABORATOR_DECISION_MISSING', 422, { ...fullPlan(), plan: { ...fullPlan().plan, collaborators: {} } }],
      ['REASON_REQUIRED', 422, { ...fullPlan(), reason: '  ' }],
      ['POLICY_NOT_ACKNOWLEDGED', 422, { ...fullPlan(), policyAcknowledged: false }],
      ['EMAIL_CONFIRMATION_MISMATCH', 422, { ...fullPlan(), confirmEmail: 'dana@acme.test' }],
    ];
    for (const [code, status, body] of cases) {
      const res = await api('POST', `/api/users/${dana}/delete`, body);
      expect([res.status, res.body.error?.code]).toEqual([status, code]);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    }
    expect(await items(dana)).toHaveLength(9);
    expect((await api('GET', `/api/users/${dana}`)).body.status).toBe('active');
    expect(await auditActions()).not.toContain('user.deleted');

    const bad = await api('POST', `/api/users/${dana}/delete`, { plan: { ownership: { all: { action: 'transfer' } }, collaborators: {} } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const self = await api('POST', `/api/users/${t.org.adminUserId}/delete`, { ...fullPlan(), confirmEmail: 'admin@acme.test' });
    expect(self).toMatchObject({ status: 403, body: { error: { code: 'SELF_DELETION' } } });
    const manager = await t.signInAs(await t.createUser({ email: 'um@acme.test', roleKey: 'user_manager' }));
    const outranked = await api('POST', `/api/users/${t.org.adminUserId}/delete`, { ...fullPlan(), confirmEmail: 'admin@acme.test' }, manager);
    expect(outranked).toMatchObject({ status: 403, body: { error: { code: 'TARGET_OUTRANKS_ACTOR' } } });
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test', roleKey: 'member' }));
    expect((await api('POST', `/api/users/${dana}/delete`, fullPlan(), member)).status).toBe(403);
    expect((await api('GET', `/api/users/${dana}/ownership`, undefined, member)).status).toBe(403);
  });

  it('should apply the plan in one go: owners, seats, access, tombstone, audit and webhooks', async () => {
    expect((await api('POST', '/api/webhooks', { url: 'http://127.0.0.1:9/hook' })).status).toBe(201); // never delivered here: we only look at the outbox
    const group = (await api('POST', '/api/groups', { name: 'Sales' })).body.id;
    await api('POST', `/api/groups/${group}/members`, { userIds: [dana] });
    const danaCookie = await t.signInAs(dana);

    const res = await api('POST', `/api/users/${dana}/delete`, fullPlan());
    expect(res.status).toBe(200);
    expect(res.body.tombstone.label).toMatch(/^Deleted user [0-9a-f]{4}…$/);
    expect(res.body.tombstone.restoreUntil).toBe('2026-12-29T09:00:00.000Z');

    const all = await items();
    const byExt = new Map(all.map((i) => [i.externalId, i]));
    expect(byExt.get('x-draft')!.owner?.id).toBe(bob);
    expect(byExt.get('x-seq1')!.owner?.id).toBe(carol);
    expect(byExt.get('x-seq1')!.sequenceStatus).toBe('active');
    expect(byExt.get('x-sheet')!.owner).toBeNull();
    expect(byExt.get('x-seq2')!).toMatchObject({ owner: null, sequenceStatus: 'paused' });
    expect(all.filter((i) => i.owner?.id === dana)).toHaveLength(0);
    const carolSeats = await api('GET', `/api/content-items?collaboratorUserId=${carol}`);
    expect(carolSeats.body.items.map((i: { externalId: string }) => i.externalId).sort()).toEqual(['bob-1', 'bob-2']);
    expect((await api('GET', `/api/content-items?collaboratorUserId=${dana}`)).body.items).toEqual([]);

    expect((await api('GET', '/api/auth/me', undefined, danaCookie)).status).toBe(401);
    const list = await api('GET', '/api/users');
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(dana);
    const deleted = await api('GET', '/api/users?status=deleted');
    expect(deleted.body.items).toEqual([expect.objectContaining({ id: dana, status: 'deleted', name: res.body.tombstone.label })]);
    const detail = await api('GET', `/api/users/${dana}`);
    expect(detail.body).toMatchObject({ status: 'deleted', groups: [], restoreUntil: res.body.tombstone.restoreUntil });
    expect(JSON.stringify(detail.body)).not.toContain('dana.doe@acme.test');

    const event = (await api('GET', `/api/audit-events?subjectId=${dana}`)).body.items[0];
    expect(event).toMatchObject({
      action: 'user.deleted',
      category: 'access',
      risk: 'high',
      reason: 'Contract ended',
      before: { status: 'active', collaboratorSeats: 2 },
      after: { status: 'deleted', seats: { replaced: 1, removed: 1, undecided: 0 } },
    });

    const queued = await t.deps.db.selectFrom('webhook_outbox').select(['event_type', 'payload']).execute();
    const ownership = queued.filter((q) => q.event_type === 'content.ownership_changed').flatMap((q) => JSON.parse(q.payload).data.changes);
    expect(ownership.filter((c: { fromOwnerUserId: string }) => c.fromOwnerUserId === dana)).toHaveLength(9);
    expect(queued.some((q) => q.event_type === 'content.collaborators_changed' && JSON.parse(q.payload).data.cause === 'user_deleted')).toBe(true);

    // A deleted user cannot be put back in a group (restore does that), so a group never lists one.
    const rejoin = await api('POST', `/api/groups/${group}/members`, { userIds: [dana] });
    expect([rejoin.status, rejoin.body.error?.code]).toEqual([404, 'USERS_NOT_FOUND']);
    const viaDetail = await api('PUT', `/api/users/${dana}/groups`, { groupIds: [group], version: detail.body.version });
    expect([viaDetail.status, viaDetail.body.error?.code]).toEqual([409, 'USER_DELETED']);
    const viaBulk = await api('POST', '/api/users/bulk', { action: 'add_to_group', groupId: group, userIds: [dana] });
    expect(viaBulk.body).toMatchObject({ changed: 0, skipped: [{ userId: dana, code: 'USER_DELETED' }] });
    expect((await api('GET', `/api/users?groupId=${group}`)).body).toMatchObject({ items: [], total: 0 });

    // Deleting again is refused; the email is free for a new account.
    expect((await api('POST', `/api/users/${dana}/delete`, fullPlan())).body.error.code).toBe('USER_DELETED');
    expect((await api('POST', '/api/invitations', { entries: [{ email: 'dana.doe@acme.test' }] })).body.results[0].outcome).toBe('invited');
  });

  it('should restore within 30 days (deactivated, groups back), then purge personal data and refuse restore', async () => {
    const group = (await api('POST', '/api/groups', { name: 'Sales' })).body.id;
    await api('POST', `/api/groups/${group}/members`, { userIds: [dana] });
    expect((await api('POST', `/api/users/${dana}/delete`, fullPlan())).status).toBe(200);
    expect((await api('POST', `/api/users/${bob}/restore`, {})).body.error.code).toBe('USER_NOT_DELETED');

    await advanceDays(29);
    expect(await purgeDeletedUsers(t.deps)).toBe(0);
    // Security Center > Recovery lists who can still be restored.
    expect((await api('GET', '/api/deleted-users/restorable')).body.items).toEqual([expect.objectContaining({ id: dana, restoreUntil: expect.any(String) })]);
    const restored = await api('POST', `/api/users/${dana}/restore`, { reason: 'Deleted by mistake' });
    expect(restored).toMatchObject({ status: 200, body: { status: 'deactivated', restoredGroups: 1 } });
    const back = await api('GET', `/api/users/${dana}`);
    expect(back.body).toMatchObject({ name: 'Dana Doe', email: 'Dana.Doe@acme.test', status: 'deactivated', groups: [{ id: group, name: 'Sales' }] });
    // Content stays with whoever received it.
    expect(await items(dana)).toHaveLength(0);

    // Delete again; 31 days later the purge erases the personal data.
    const again = await api('POST', `/api/users/${dana}/delete`, { ...fullPlan(), plan: { ownership: {}, collaborators: {} } });
    expect(again.status).toBe(200);
    await advanceDays(31);
    expect(await purgeDeletedUsers(t.deps)).toBe(1);
    expect(await purgeDeletedUsers(t.deps)).toBe(0);
    expect((await api('POST', `/api/users/${dana}/restore`, {})).body.error.code).toBe('RESTORE_WINDOW_PASSED');
    expect((await api('GET', '/api/deleted-users/restorable')).body.items).toEqual([]);
    const history = (await api('GET', `/api/audit-events?subjectId=${dana}&limit=200`)).body.items as { action: string; subject: { label: string } }[];
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['user.purged', 'user.deleted', 'user.restored', 'user.deleted']));
    expect(new Set(history.map((e) => e.subject.label))).toEqual(new Set([again.body.tombstone.label]));
    const everything = JSON.stringify((await api('GET', '/api/audit-events?limit=200')).body);
    expect(everything.toLowerCase()).not.toContain('dana.doe@acme.test');
    const row = await t.deps.db.selectFrom('users').selectAll().where('id', '=', dana).executeTakeFirstOrThrow();
    expect(row.tombstone).toBeNull();
    expect(JSON.stringify(row).toLowerCase()).not.toContain('dana');
    // The erasure keeps the audit chain verifiable: the purge names the events it redacted.
    const verified = (await api('GET', '/api/security/audit/verify')).body;
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.redactedEvents).toBeGreaterThan(0);
  });
});
