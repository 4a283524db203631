import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/deps.js';
import { listAuditRows, type AuditFilter, type SearchTuning } from './audit.repository.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

const people = ['Zoë Ångström <zoe@acme.test>', 'Bob "Bobby" Tables <bob_t@acme.test>', 'Percy 100% <percy@acme.test>', 'alice@ACME.test'];
const reasons = ['Quarterly access review', 'Lost phone', null, 'Ticket SEC-1234: contractor left'];

/** A log varied enough that every text filter has hits and misses, in several organizations. */
async function seed(): Promise<void> {
  for (let i = 0; i < 48; i++) {
    t.clock.set(new Date(Date.parse('2026-11-01T00:00:00Z') + (i % 12) * 3600_000));
    const actor = { userId: `u-${i % 4}`, name: people[i % 4].split(' <')[0], email: `actor${i % 4}@acme.test`, organizationId: t.org.organizationId } as Actor;
    const organizationId = i % 8 === 7 ? 'org-other' : t.org.organizationId;
    const ctx = { deps: t.deps, organizationId, actor, ip: null, userAgent: null };
    await t.deps.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: (['user.role_changed', 'auth.signed_in', 'user.restored'] as const)[i % 3],
        category: 'access',
        risk: i % 5 === 0 ? 'high' : 'low',
        subject: { type: 'user', id: `s-${i % 6}`, label: people[(i + 1) % 4] },
        reason: reasons[i % 4],
      }),
    );
  }
}

const filters: AuditFilter[] = [
  { q: 'quarterly' },
  { q: 'QUARTERLY ACCESS' },
  { q: 'sec-1234' },
  { q: 'restored' },
  { q: 'zoë' },
  { q: 'ÅNGström' },
  { q: '100%' },
  { q: 'bob_t' },
  { q: '"Bobby"' },
  { q: 'lo' },
  { q: 'nothing like this' },
  { actor: 'actor1@' },
  { actor: 'percy' },
  { subject: 'alice@acme' },
  { subject: 'Tables' },
  { subject: 'e', risk: 'high' },
  { actor: 'zoë', subject: 'bob', q: 'role' },
  { q: 'review', risk: 'high', sort: 'oldest' },
  { q: 'acme.test', from: '2026-11-01T03:00:00.000Z', to: '2026-11-01T07:00:00.000Z' },
];

describe('text search through the text index (pg_trgm on PostgreSQL, FTS5 trigram on SQLite)', () => {
  beforeEach(seed);

  it.each(filters.map((f) => [JSON.stringify(f), f]))('should find exactly the rows the per-column test finds: %s', async (_name, filter) => {
    const org = t.org.organizationId;
    // The per-column test alone decides (the exact filters' index read in page order).
    const scanned = await listAuditRows(t.deps.db, org, filter, 1000, { plan: 'scan' });
    // Every row comes through the text index's candidates.
    const indexed = await listAuditRows(t.deps.db, org, filter, 1000, { plan: 'index' });
    expect(indexed.map((r) => r.id)).toEqual(scanned.map((r) => r.id));
    expect(scanned.every((r) => r.organization_id === org)).toBe(true);
    // The automatic choice, with thresholds small enough that this log takes each branch; scanRows 1
    // and 0 make PostgreSQL's first scanned span tiny or none, so these odd terms (%, _, quotes, accents,
    // a word after a hyphen) also go through its candidates' read and the walk.
    const tunings = [
      {},
      { recentWindow: 3, candidateLimit: 2 },
      { recentWindow: 1, candidateLimit: 0 },
      { candidateLimit: 2, scanRows: 1 },
      { candidateLimit: 0, scanRows: 0 },
    ];
    for (const tuning of tunings) {
      for (const limit of [1, 4, 1000]) {
        const auto = await listAuditRows(t.deps.db, org, filter, limit, tuning);
        expect(auto.map((r) => r.id)).toEqual(scanned.slice(0, limit).map((r) => r.id));
      }
    }
  });

  it('should find some rows for the filters meant to match, so the comparison above means something', async () => {
    const count = async (f: AuditFilter) => (await listAuditRows(t.deps.db, t.org.organizationId, f, 1000, { plan: 'index' })).length;
    expect(await count({ q: 'quarterly' })).toBe(12);
    expect(await count({ q: 'zoë' })).toBeGreaterThan(0);
    expect(await count({ q: '100%' })).toBeGreaterThan(0);
    expect(await count({ q: '"Bobby"' })).toBeGreaterThan(0);
    expect(await count({ q: 'nothing like this' })).toBe(0);
  });

  it('should walk keyset pages through the index in the same order as without it', async () => {
    const org = t.org.organizationId;
    const walk = async (tuning: SearchTuning, filter: AuditFilter) => {
      const ids: string[] = [];
      let after: AuditFilter['after'];
      for (;;) {
        const page = await listAuditRows(t.deps.db, org, { ...filter, after }, 5, tuning);
        ids.push(...page.map((r) => r.id));
        if (page.length < 5) return ids;
        after = { createdAt: page[4].created_at, id: page[4].id };
      }
    };
    for (const filter of [{ subject: 'acme' }, { q: 'review', sort: 'oldest' as const }, { actor: 'percy', risk: 'low' }]) {
      const all = await walk({ plan: 'scan' }, filter);
      expect(all.length).toBeGreaterThan(5);
      expect(await walk({ plan: 'index' }, filter)).toEqual(all);
      expect(await walk({ recentWindow: 2, candidateLimit: 3 }, filter)).toEqual(all);
    }
  });

  it('should follow a label erased or changed in place (a purge), and a deleted event', async () => {
    const org = t.org.organizationId;
    const [first] = await listAuditRows(t.deps.db, org, { subject: 'percy' }, 1, { plan: 'index' });
    await t.deps.db.updateTable('audit_events').set({ subject_label: 'Erased person' }).where('id', '=', first.id).execute();
    const [erased] = await listAuditRows(t.deps.db, org, { subject: 'erased person' }, 10, { plan: 'index' });
    expect(erased.id).toBe(first.id);
    expect((await listAuditRows(t.deps.db, org, { subject: 'percy' }, 100, { plan: 'index' })).map((r) => r.id)).not.toContain(first.id);
    await t.deps.db.deleteFrom('audit_events').where('id', '=', first.id).execute();
    expect(await listAuditRows(t.deps.db, org, { subject: 'erased person' }, 10, { plan: 'index' })).toEqual([]);
  });
});
