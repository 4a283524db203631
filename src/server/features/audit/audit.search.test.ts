import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { AuditAction, AuditCategory, RiskLevel } from '../../../contracts/audit.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/deps.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

interface Seed {
  action: string;
  category: AuditCategory;
  risk: RiskLevel;
  actor: { id: string; name: string; email: string } | null;
  subject: string;
  reason?: string;
  at: string;
}

const alice = { id: 'u-alice', name: 'Alice Admin', email: 'alice@acme.test' };
const carol = { id: 'u-carol', name: 'Carol Security', email: 'carol@acme.test' };

const seeds: Seed[] = [
  { action: 'auth.signed_in', category: 'auth', risk: 'low', actor: null, subject: 'dave@acme.test', at: '2026-11-01T08:00:00.000Z' },
  {
    action: 'user.role_changed',
    category: 'access',
    risk: 'high',
    actor: alice,
    subject: 'dave@acme.test',
    reason: 'Promotion',
    at: '2026-11-02T08:00:00.000Z',
  },
  { action: 'role.security_changed', category: 'policy', risk: 'medium', actor: carol, subject: 'Editors', at: '2026-11-03T08:00:00.000Z' },
  {
    action: 'passkey.recovery_allowed',
    category: 'recovery',
    risk: 'medium',
    actor: carol,
    subject: 'erin@acme.test',
    reason: 'Lost phone',
    at: '2026-11-04T08:00:00.000Z',
  },
  {
    action: 'user.restored',
    category: 'data_recovery',
    risk: 'medium',
    actor: alice,
    subject: 'frank@acme.test',
    reason: '=HYPERLINK("x")',
    at: '2026-11-05T08:00:00.000Z',
  },
  { action: 'organization.renamed', category: 'admin', risk: 'low', actor: alice, subject: 'Acme', at: '2026-11-06T08:00:00.000Z' },
];

async function seed(): Promise<void> {
  for (const s of seeds) {
    t.clock.set(new Date(s.at));
    const actor = s.actor ? ({ userId: s.actor.id, name: s.actor.name, email: s.actor.email, organizationId: t.org.organizationId } as Actor) : null;
    const ctx = { deps: t.deps, organizationId: t.org.organizationId, actor, ip: '192.0.2.10', userAgent: 'Firefox', requestId: `req-${s.action}` };
    await t.deps.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: s.action as AuditAction,
        category: s.category,
        risk: s.risk,
        subject: { type: 'user', id: `s-${s.subject}`, label: s.subject },
        reason: s.reason,
      }),
    );
  }
  // Another organization's event: no search of ours may return it.
  const other = { deps: t.deps, organizationId: 'org-other', actor: null, ip: null, userAgent: null };
  await t.deps.db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, other, { action: 'user.role_changed', category: 'access', risk: 'high', subject: { type: 'user', id: 's-x', label: 'dave@acme.test' } }),
    );
}

async function search(query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/audit-events?${query}`, headers: { cookie: t.adminCookie } });
  return { status: res.statusCode, body: res.json() };
}

async function actions(query: string): Promise<string[]> {
  const res = await search(`${query}&from=2026-11-01T00:00:00Z&to=2026-11-07T00:00:00Z`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((e: { action: string }) => e.action);
}

describe('searching the audit log', () => {
  beforeEach(seed);

  it.each([
    ['free text in the action', 'q=RESTORED', ['user.restored']],
    ['free text in the reason', 'q=lost%20phone', ['passkey.recovery_allowed']],
    ['free text in the subject', 'q=dave', ['user.role_changed', 'auth.signed_in']],
    ['an actor by id', `actorId=${carol.id}`, ['passkey.recovery_allowed', 'role.security_changed']],
    ['an actor by name or email', 'actor=alice%40acme', ['organization.renamed', 'user.restored', 'user.role_changed']],
    ['a subject by id', `subjectId=s-erin%40acme.test`, ['passkey.recovery_allowed']],
    ['a subject by name or email', 'subject=frank', ['user.restored']],
    ['the Auth category', 'category=auth', ['auth.signed_in']],
    ['the Access category', 'category=access', ['user.role_changed']],
    ['the Policy category', 'category=policy', ['role.security_changed']],
    ['the Recovery category', 'category=recovery', ['passkey.recovery_allowed']],
    ['the Data recovery category', 'category=data_recovery', ['user.restored']],
    ['the Admin category', 'category=admin', ['organization.renamed']],
    ['a risk level', 'risk=high', ['user.role_changed']],
    ['the Recovery tab’s scope', 'scope=recovery', ['user.restored', 'passkey.recovery_allowed']],
    ['two filters at once', 'category=recovery&risk=medium&actor=carol', ['passkey.recovery_allowed']],
    ['oldest first', 'sort=oldest&risk=low', ['auth.signed_in', 'organization.renamed']],
  ])('should filter by %s', async (_name, query, expected) => {
    expect(await actions(query)).toEqual(expected);
  });

  it('should keep to a date range (from inclusive, to exclusive)', async () => {
    const res = await search('from=2026-11-02T08:00:00.000Z&to=2026-11-04T08:00:00.000Z');
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['role.security_changed', 'user.role_changed']);
  });

  it('should walk every event once through keyset pages, in both orders', async () => {
    for (const sort of ['newest', 'oldest']) {
      const seen: string[] = [];
      let cursor = '';
      do {
        const page = await search(`limit=2&sort=${sort}&to=2026-11-07T00:00:00Z${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((e: { action: string }) => e.action));
        cursor = page.body.nextCursor ?? '';
      } while (cursor);
      const expected = seeds.map((s) => s.action);
      expect(seen).toEqual(sort === 'oldest' ? expected : [...expected].reverse());
    }
  });

  it.each([
    ['a forged cursor', 'cursor=not-a-cursor', 'INVALID_CURSOR'],
    ['a date that is not a date', 'from=yesterday', 'INVALID_DATE'],
    ['a range that ends before it starts', 'from=2026-11-05T00:00:00Z&to=2026-11-01T00:00:00Z', 'INVALID_DATE_RANGE'],
    ['an unknown category', 'category=everything', 'VALIDATION_FAILED'],
  ])('should refuse %s with a 400 and a code', async (_name, query, code) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it('should show the full detail of an event: before/after, reason, IP, user agent and request id', async () => {
    const [event] = (await search('q=restored')).body.items;
    expect(event).toMatchObject({
      reason: '=HYPERLINK("x")',
      ip: '192.0.2.10',
      userAgent: 'Firefox',
      requestId: 'req-user.restored',
      actor: { label: 'Alice Admin <alice@acme.test>' },
    });
  });
});

describe('exporting the audit log', () => {
  beforeEach(seed);

  async function exported(query: string) {
    return t.app.inject({ method: 'GET', url: `/api/audit-events/export?${query}`, headers: { cookie: t.adminCookie } });
  }

  it('should export exactly the current view as CSV, neutralising spreadsheet formulas', async () => {
    const res = await exported('format=csv&actor=alice&sort=oldest');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-events-.*\.csv"/);
    const rows = Papa.parse<Record<string, string>>(res.body, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.action)).toEqual(['user.role_changed', 'user.restored', 'organization.renamed']);
    expect(rows[1].reason).toBe(`'=HYPERLINK("x")`);
    expect(rows[1]).toMatchObject({ ip: '192.0.2.10', userAgent: 'Firefox', requestId: 'req-user.restored' });
  });

  it('should export JSON Lines in the view’s order, record the export, and leave the export’s own record out', async () => {
    const res = await exported('format=jsonl');
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string });
    expect(lines.map((e) => e.action)).toEqual(seeds.map((s) => s.action).reverse());
    const after = await search('q=audit.exported');
    expect(after.body.items).toEqual([
      expect.objectContaining({ action: 'audit.exported', category: 'admin', after: expect.objectContaining({ format: 'jsonl' }) }),
    ]);
  });

  it('should refuse a bad view before sending anything', async () => {
    const res = await exported('format=csv&from=nope');
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_DATE']);
  });
});
