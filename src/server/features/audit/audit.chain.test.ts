import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { propertyOptions } from '../../../../test/helpers/property.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { recordAudits, type AuditInput } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/deps.js';
import { verifyChain } from './audit.verify.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function verify() {
  const res = await t.app.inject({ method: 'GET', url: '/api/security/audit/verify', headers: { cookie: t.adminCookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Three audited changes (sign-outs with a reason), oldest first. */
async function threeEvents(): Promise<string[]> {
  const bob = await t.createUser({ email: 'bob@acme.test' });
  for (const reason of ['Lost laptop', 'Phone stolen', 'Left the team']) {
    const res = await t.app.inject({ method: 'POST', url: `/api/users/${bob}/sign-out-everywhere`, headers: { cookie: t.adminCookie }, payload: { reason } });
    expect(res.statusCode, res.body).toBe(200);
  }
  const rows = await t.deps.db
    .selectFrom('audit_events')
    .select(['id', 'chain_seq'])
    .where('organization_id', '=', t.org.organizationId)
    .orderBy('chain_seq')
    .execute();
  return rows.filter((r) => r.chain_seq !== null).map((r) => r.id);
}

describe('the tamper-evident audit log', () => {
  it('should verify an untouched chain and name the edited row when someone changes it in the database', async () => {
    const ids = await threeEvents();
    const clean = await verify();
    expect(clean).toMatchObject({ ok: true, checked: ids.length, firstBroken: null });
    expect(clean.head.seq).toBe(ids.length);

    const middle = ids[ids.length - 2];
    await t.deps.db.updateTable('audit_events').set({ reason: 'Nothing to see' }).where('id', '=', middle).execute();
    expect((await verify()).firstBroken).toMatchObject({ eventId: middle, kind: 'hash_mismatch' });
  });

  it('should notice a changed IP, a removed event, a forged old event and removed last events', async () => {
    const ids = await threeEvents();
    await t.deps.db.updateTable('audit_events').set({ ip: '198.51.100.7' }).where('id', '=', ids[0]).execute();
    expect((await verify()).firstBroken).toMatchObject({ eventId: ids[0], kind: 'personal_fields_changed' });

    await t.deps.db.deleteFrom('audit_events').where('id', '=', ids[0]).execute();
    expect((await verify()).firstBroken).toMatchObject({ eventId: ids[1], kind: 'sequence_gap' });

    await t.deps.db.deleteFrom('audit_events').where('id', 'in', ids).execute();
    await t.deps.db
      .insertInto('audit_events')
      .values({
        id: 'forged',
        organization_id: t.org.organizationId,
        actor_label: 'x',
        action: 'x',
        category: 'admin',
        risk: 'low',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    expect((await verify()).firstBroken).toMatchObject({ kind: 'legacy_count_mismatch' });
    await t.deps.db.deleteFrom('audit_events').where('id', '=', 'forged').execute();
    expect((await verify()).firstBroken).toMatchObject({ kind: 'head_mismatch' });
  });

  it('should keep one unbroken chain when many changes of one organization commit at once', async () => {
    const ctx: RequestContext = { deps: t.deps, organizationId: 'org-concurrent', actor: null, ip: '127.0.0.1', userAgent: 'test' };
    const writes = Array.from({ length: 24 }, (_, i) =>
      t.deps.db.transaction().execute((trx) =>
        recordAudits(trx, ctx, [
          { action: `test.write_${i}` as AuditInput['action'], category: 'admin', risk: 'low' },
          { action: `test.write_${i}_b` as AuditInput['action'], category: 'admin', risk: 'low', before: { i }, after: { i: i + 1 } },
        ]),
      ),
    );
    await Promise.all(writes);
    expect(await verifyChain(t.deps.db, 'org-concurrent')).toMatchObject({ ok: true, checked: 48, head: { seq: 48 } });
  });

  it('should verify any sequence of writes and detect any single edit (property)', async () => {
    const text = fc.option(fc.string({ maxLength: 12 }), { nil: null });
    const input: fc.Arbitrary<AuditInput> = fc.record({
      action: fc.constantFrom<AuditInput['action']>('invitation.sent', 'role.updated', 'auth.signed_in', 'user.purged'),
      category: fc.constantFrom('auth', 'access', 'policy', 'recovery', 'data_recovery', 'admin'),
      risk: fc.constantFrom('low', 'medium', 'high'),
      subject: fc.option(fc.record({ type: fc.constant('user'), id: fc.uuid(), label: fc.string({ maxLength: 12 }) }), { nil: null }),
      reason: text,
      before: fc.option(fc.jsonValue(), { nil: undefined }),
      after: fc.option(fc.jsonValue(), { nil: undefined }),
    });
    const columns = ['action', 'category', 'risk', 'subject_id', 'subject_type', 'reason', 'created_at', 'request_id', 'actor_user_id'] as const;
    const personal = ['actor_label', 'subject_label', 'before', 'after', 'ip', 'user_agent'] as const;
    const links = ['hash', 'prev_hash', 'personal_digest'] as const;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(input, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom(...columns, ...personal, ...links),
        fc.string({ minLength: 1, maxLength: 8 }),
        async (batches, pick, column, junk) => {
          const org = `org-prop-${run++}`;
          const ctx: RequestContext = { deps: t.deps, organizationId: org, actor: null, ip: '192.0.2.1', userAgent: 'prop', requestId: `req-${run}` };
          for (const batch of batches) await t.deps.db.transaction().execute((trx) => recordAudits(trx, ctx, batch));
          expect(await verifyChain(t.deps.db, org)).toMatchObject({ ok: true, firstBroken: null });

          const rows = await t.deps.db.selectFrom('audit_events').selectAll().where('organization_id', '=', org).orderBy('chain_seq').execute();
          const row = rows[pick % rows.length];
          const changed = `${String(row[column] ?? '')}${junk}`;
          await t.deps.db
            .updateTable('audit_events')
            .set({ [column]: changed })
            .where('id', '=', row.id)
            .execute();
          const result = await verifyChain(t.deps.db, org);
          expect(result.ok).toBe(false);
          expect(result.firstBroken?.eventId).toBe(row.id);
        },
      ),
      propertyOptions('audit chain edits', 25),
    );
  });
});
