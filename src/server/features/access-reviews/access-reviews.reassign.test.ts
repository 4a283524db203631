import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

type Json = Record<string, any>;

async function call(cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<Json>() };
}

async function roleId(key: string) {
  const row = await t.deps.db
    .selectFrom('roles')
    .select('id')
    .where('organization_id', '=', t.org.organizationId)
    .where('system_key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

const due = () => new Date(t.clock().getTime() + 7 * 86_400_000).toISOString();
const reviewerOf = (campaign: Json) => Object.fromEntries(campaign.items.map((i: Json) => [i.user.email, i.reviewer?.id ?? null]));

/** Everyone reviewed by Rita; Sam (an admin) gave Pat the Publisher role, so Sam may not certify Pat. */
async function campaignReviewedByRita() {
  const rita = await t.createUser({ email: 'rita@acme.test', name: 'Rita Reviewer', roleKey: 'security_reviewer' });
  const sam = await t.createUser({ email: 'sam@acme.test', name: 'Sam', roleKey: 'admin' });
  const pat = await t.createUser({ email: 'pat@acme.test', name: 'Pat', roleKey: 'member' });
  const quinn = await t.createUser({ email: 'quinn@acme.test', name: 'Quinn', roleKey: 'member' });
  const samCookie = await t.signInAs(sam);
  const granted = await call(samCookie, 'PUT', `/api/users/${pat}/role`, { roleId: await roleId('publisher'), reason: 'publishes templates' });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  const created = await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
    name: 'Everyone',
    scope: { type: 'all' },
    reviewers: { mode: 'user', userId: rita },
    dueAt: due(),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { campaign: created.body, rita, sam, pat, quinn, ritaCookie: await t.signInAs(rita), samCookie };
}

describe('reassigning a reviewer in an access review campaign', () => {
  it("should move a reviewer's open items to another person, leave decided items and those the new reviewer may not review, and audit it", async () => {
    const { campaign, rita, sam, ritaCookie, samCookie } = await campaignReviewedByRita();
    const item = (email: string) => campaign.items.find((i: Json) => i.user.email === email);
    const decided = await call(ritaCookie, 'POST', '/api/access-reviews/decisions', { itemIds: [item('quinn@acme.test').id], decision: 'keep', reason: 'ok' });
    expect(decided.body.decided).toBe(1);

    const url = `/api/access-reviews/campaigns/${campaign.id}/reassign`;
    const moved = await call(t.adminCookie, 'POST', url, { fromUserId: rita, toUserId: sam, reason: 'Rita is on leave' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.reassigned).toBe(1);
    expect(moved.body.skipped.map((s: Json) => [s.userEmail, s.code]).sort()).toEqual([
      ['pat@acme.test', 'CERTIFIER_NOT_INDEPENDENT'],
      ['sam@acme.test', 'SELF_REVIEW'],
    ]);
    expect(moved.body.skipped.find((s: Json) => s.code === 'SELF_REVIEW').message).toMatch(/nobody reviews their own access/);

    const detail = await call(t.adminCookie, 'GET', `/api/access-reviews/campaigns/${campaign.id}`);
    expect(reviewerOf(detail.body)).toEqual({
      'admin@acme.test': sam,
      'pat@acme.test': rita,
      'quinn@acme.test': rita,
      'rita@acme.test': t.org.adminUserId,
      'sam@acme.test': rita,
    });
    // The new reviewer sees and decides the item; the old one no longer may.
    const samItems = (await call(samCookie, 'GET', '/api/access-reviews/my-items')).body.items.map((i: Json) => i.user.email);
    expect(samItems).toContain('admin@acme.test');
    const stale = await call(ritaCookie, 'POST', '/api/access-reviews/decisions', { itemIds: [item('admin@acme.test').id], decision: 'keep', reason: 'x' });
    expect([stale.status, stale.body.error.code]).toEqual([403, 'NOT_YOUR_REVIEW']);
    const kept = await call(samCookie, 'POST', '/api/access-reviews/decisions', { itemIds: [item('admin@acme.test').id], decision: 'keep', reason: 'ok' });
    expect(kept.body.decided).toBe(1);

    const audits = await t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'access_review.reviewer_reassigned').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_user_id: t.org.adminUserId, subject_id: campaign.id, reason: 'Rita is on leave' });
    expect(JSON.parse(audits[0].before!)).toMatchObject({ reviewer: { id: rita }, users: ['admin@acme.test'] });
    expect(JSON.parse(audits[0].after!)).toMatchObject({ reviewer: { id: sam }, items: 1, left: ['pat@acme.test', 'sam@acme.test'] });

    // Only what the new reviewer may not review is left: nothing moves, nothing is recorded.
    const again = await call(t.adminCookie, 'POST', url, { fromUserId: rita, toUserId: sam, reason: 'again' });
    expect([again.status, again.body.reassigned, again.body.skipped.length]).toEqual([200, 0, 2]);
    expect(await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'access_review.reviewer_reassigned').execute()).toHaveLength(1);
  });

  it('should refuse without the manage permission, a reason, a real active reviewer, open items or an open campaign', async () => {
    const { campaign, rita, sam, quinn } = await campaignReviewedByRita();
    const url = `/api/access-reviews/campaigns/${campaign.id}/reassign`;
    const refused = async (cookie: string, body: object, at = url) => {
      const res = await call(cookie, 'POST', at, body);
      return [res.status, res.body.error?.code];
    };
    const member = await t.signInAs(quinn);
    expect(await refused(member, { fromUserId: rita, toUserId: sam, reason: 'x' })).toEqual([403, 'FORBIDDEN']);
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: sam, reason: '  ' })).toEqual([400, 'REASON_REQUIRED']);
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: rita, reason: 'x' })).toEqual([400, 'REASSIGN_SAME_REVIEWER']);
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: 'nobody', reason: 'x' })).toEqual([404, 'REVIEWER_NOT_FOUND']);
    await t.deps.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', quinn).execute();
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: quinn, reason: 'x' })).toEqual([404, 'REVIEWER_NOT_FOUND']);
    const other = await t.newOrganization('Other Corp', 'boss@other.test');
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: other.adminUserId, reason: 'x' })).toEqual([404, 'REVIEWER_NOT_FOUND']);
    expect(await refused(other.adminCookie, { fromUserId: rita, toUserId: sam, reason: 'x' })).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    expect(await refused(t.adminCookie, { fromUserId: sam, toUserId: rita, reason: 'x' })).toEqual([409, 'NOTHING_TO_REASSIGN']);
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: sam, reason: 'x', extra: 1 })).toEqual([400, 'VALIDATION_FAILED']);

    const closed = await call(t.adminCookie, 'POST', `/api/access-reviews/campaigns/${campaign.id}/close`, { revokeUnreviewed: false });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(await refused(t.adminCookie, { fromUserId: rita, toUserId: sam, reason: 'x' })).toEqual([409, 'CAMPAIGN_CLOSED']);
    expect(await t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'access_review.reviewer_reassigned').execute()).toHaveLength(0);
  });

  it("should hand the reviewer role's unassigned pool to one person, except their own access", async () => {
    const ravi = await t.createUser({ email: 'ravi@acme.test', name: 'Ravi', roleKey: 'security_reviewer' });
    const uma = await t.createUser({ email: 'uma@acme.test', name: 'Uma', roleKey: 'user_manager' });
    const created = await call(t.adminCookie, 'POST', '/api/access-reviews/campaigns', {
      name: 'Privileged',
      scope: { type: 'privileged' },
      reviewers: { mode: 'role_holders', roleId: await roleId('security_reviewer') },
      dueAt: due(),
    });
    const moved = await call(t.adminCookie, 'POST', `/api/access-reviews/campaigns/${created.body.id}/reassign`, {
      fromUserId: null,
      toUserId: uma,
      reason: 'Uma owns this review',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.skipped.map((s: Json) => s.userEmail)).toEqual(['uma@acme.test']);
    const reviewers = reviewerOf((await call(t.adminCookie, 'GET', `/api/access-reviews/campaigns/${created.body.id}`)).body);
    expect(reviewers['uma@acme.test']).toBeNull();
    expect(reviewers['ravi@acme.test']).toBe(uma);
    expect(Object.values(reviewers).filter((r) => r === uma)).toHaveLength(moved.body.reassigned);
    expect(ravi).toBeTruthy();
  });
});
