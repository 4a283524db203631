import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { listAuditRows, type AuditFilter, type SearchTuning } from './audit.repository.js';
import { narrowTerms, rareWindow, trigramsAt } from './audit.text-window.js';

describe('the rare window of a term (the part the text index reads)', () => {
  const chars = [...'person1234@bench'];
  // Trigrams: per ers rso son on1 n12 123 234 34@ 4@b @be ben enc nch, counted in a sample of 500.
  const counts = [500, 500, 500, 500, 275, 29, 8, 0, 10, 85, 500, 500, 500, 500];

  it('should take the rarest trigram and widen it by its rare neighbours, leaving out the common ones', () => {
    expect(trigramsAt(chars)).toHaveLength(counts.length);
    expect(rareWindow(chars, counts, 25)).toBe('1234@');
    expect(rareWindow(chars, counts, 5)).toBe('234');
    expect(rareWindow(chars, counts, 30)).toBe('n1234@');
  });

  it('should hold at most four trigrams, and prefer the later trigram on a tie', () => {
    expect(rareWindow([...'abcdefghij'], [0, 0, 0, 0, 0, 0, 0, 0], 0)).toBe('efghij');
    expect(rareWindow([...'abcabc'], [3, 9, 9, 3], 0)).toBe('abc');
    expect(rareWindow([...'xyz'], [100], 0)).toBe('xyz');
  });
});

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

/**
 * A log like the bench's: every subject is `person<n>@example.test`, so "per", "son", "@ex" are in
 * every row, and a search for one person is rare only in its digits.
 */
async function seed(): Promise<void> {
  const rows = Array.from({ length: 600 }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    organization_id: i % 10 === 9 ? 'org-other' : t.org.organizationId,
    actor_user_id: `actor-${i % 7}`,
    actor_label: `Actor ${i % 7} <actor${i % 7}@example.test>`,
    action: ['user.role_changed', 'auth.signed_in'][i % 2],
    category: 'access',
    risk: i % 4 === 0 ? 'high' : 'low',
    subject_type: 'user',
    subject_id: `subject-${i % 97}`,
    subject_label: `person${i % 97}@example.test`,
    reason: i % 5 === 0 ? 'Quarterly access review' : null,
    created_at: new Date(Date.parse('2026-11-01T00:00:00Z') + Math.floor(i / 3) * 60_000).toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 100)
    await t.deps.db
      .insertInto('audit_events')
      .values(rows.slice(i, i + 100))
      .execute();
}

const filters: AuditFilter[] = [
  { q: 'person17@example' },
  { q: 'PERSON9@' },
  { subject: 'person42@', risk: 'high' },
  { actor: 'actor3@', subject: 'son1' },
  { q: 'person17@example', sort: 'oldest', from: '2026-11-01T01:00:00.000Z' },
  { q: 'n5@ex' },
  { q: 'person@' },
  { subject: 'person96@example.test' },
];

describe('text search through the rare window (SQLite and PostgreSQL)', () => {
  beforeEach(seed);

  it('should narrow a term whose trigrams are common to its rare part', async () => {
    const term = { column: null, text: 'person17@example' };
    const { windows, common } = await narrowTerms(t.deps.db, t.org.organizationId, [term], [term]);
    expect(common).toBe(false);
    expect(windows[0].text.length).toBeLessThan(term.text.length);
    expect(term.text).toContain(windows[0].text);
    expect(windows[0].text).toMatch(/17/);
    // PostgreSQL: not "17@e", which pg_trgm looks up as "  e" too (a word starting with e: every row's "example").
    if (t.deps.dialect === 'postgres') expect(windows[0].text).not.toMatch(/@./);
  });

  it.each(filters.map((f) => [JSON.stringify(f), f]))('should find exactly the rows the per-column test finds: %s', async (_name, filter) => {
    const org = t.org.organizationId;
    const scanned = await listAuditRows(t.deps.db, org, filter, 1000, { plan: 'scan' });
    const indexed = await listAuditRows(t.deps.db, org, filter, 1000, { plan: 'index' });
    expect(indexed.map((r) => r.id)).toEqual(scanned.map((r) => r.id));
    for (const tuning of [{}, { recentWindow: 5, candidateLimit: 3 }, { recentWindow: 1, candidateLimit: 0 }, { candidateLimit: 3, scanRows: 20 }]) {
      for (const limit of [1, 5, 1000]) {
        const auto = await listAuditRows(t.deps.db, org, filter, limit, tuning);
        expect(auto.map((r) => r.id)).toEqual(scanned.slice(0, limit).map((r) => r.id));
      }
    }
  });

  it('should find the rows meant to match, so the comparison above means something', async () => {
    const ids = async (f: AuditFilter) => (await listAuditRows(t.deps.db, t.org.organizationId, f, 1000, { plan: 'index' })).map((r) => r.subject_id);
    const seventeen = await ids({ q: 'person17@example' });
    expect(seventeen.length).toBeGreaterThan(0);
    expect(new Set(seventeen)).toEqual(new Set(['subject-17']));
    expect(await ids({ q: 'person@' })).toEqual([]);
    // "person15@" holds "n15@", not "n5@": only person5.
    expect(new Set(await ids({ q: 'n5@ex' }))).toEqual(new Set(['subject-5']));
    expect(new Set(await ids({ subject: 'son1' }))).toEqual(new Set(['subject-1', ...Array.from({ length: 10 }, (_, i) => `subject-${10 + i}`)]));
  });
});

/**
 * A log where each of 200 actors acts in exactly 1 event in 200 (0.5 %): too many candidates for
 * the index plan (the tests set its limit low), too few to fill a page from the newest rows soon.
 * Hourly events long ago and a burst of events a minute apart (three at a time: ties) lately, so the
 * walk's date windows widen over both densities and cut between events of the same time. One old
 * event in 40 is written last (an import of old events), so rowids do not follow time everywhere: a
 * window's rows are not one short run of rowids (see rowidSpan).
 */
async function seedOneActorInTwoHundred(): Promise<void> {
  const base = Date.parse('2026-06-01T00:00:00Z');
  const rows = Array.from({ length: 2400 }, (_, i) => {
    const actor = (i * 7919) % 200;
    const at = i < 1200 ? base + i * 3_600_000 : base + 1200 * 3_600_000 + Math.floor((i - 1200) / 3) * 60_000;
    return {
      id: `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`,
      organization_id: i % 12 === 11 ? 'org-other' : t.org.organizationId,
      actor_user_id: `actor-${actor}`,
      actor_label: `Actor ${actor} <actor${actor}@bench.test>`,
      action: ['user.role_changed', 'auth.signed_in'][i % 2],
      category: ['access', 'auth'][i % 2],
      risk: i % 3 === 0 ? 'high' : 'low',
      subject_type: 'user',
      subject_id: `subject-${i % 50}`,
      subject_label: `person${i % 50}@example.test`,
      reason: null,
      created_at: new Date(at).toISOString(),
    };
  });
  const imported = (i: number) => i < 1200 && i % 40 === 13;
  const written = [...rows.filter((_, i) => !imported(i)), ...rows.filter((_, i) => imported(i))];
  for (let i = 0; i < written.length; i += 200)
    await t.deps.db
      .insertInto('audit_events')
      .values(written.slice(i, i + 200))
      .execute();
}

/** Every page of a search, following the keyset cursor, joined. */
async function allPages(filter: AuditFilter, pageSize: number, tuning: SearchTuning): Promise<string[]> {
  const ids: string[] = [];
  let after: AuditFilter['after'];
  for (;;) {
    const page = await listAuditRows(t.deps.db, t.org.organizationId, { ...filter, after }, pageSize, tuning);
    ids.push(...page.map((r) => r.id));
    if (page.length < pageSize) return ids;
    const last = page[page.length - 1];
    after = { createdAt: last.created_at, id: last.id };
  }
}

const middling: AuditFilter[] = [
  { actor: 'actor7@' },
  { actor: 'actor7@', sort: 'oldest' },
  { actor: 'actor13@', risk: 'high' },
  { actor: 'ACTOR42@BENCH', from: '2026-06-20T00:00:00.000Z', to: '2026-07-20T00:00:00.000Z' },
  { q: 'actor199@bench', category: 'auth', sort: 'oldest', from: '2026-07-01T00:00:00.000Z' },
  { actor: 'r7@' },
  { actor: 'actor7' },
  // Actors of the imported events.
  { actor: 'actor147@' },
  { actor: 'actor67@', sort: 'oldest' },
];

describe('a term in 1 event in 200, walked in date windows (SQLite and PostgreSQL)', () => {
  beforeEach(seedOneActorInTwoHundred);

  it('should be seen in the sample but not be common there (SQLite walks it; PostgreSQL scans a first span, then walks)', async () => {
    const term = { column: 'actor_label' as const, text: 'actor7@' };
    const { common, unseen } = await narrowTerms(t.deps.db, t.org.organizationId, [term], [term]);
    expect({ common, unseen }).toEqual({ common: false, unseen: false });
  });

  it.each(middling.map((f) => [JSON.stringify(f), f]))('should page exactly as the per-column test does: %s', async (_name, filter) => {
    const scanned = (await listAuditRows(t.deps.db, t.org.organizationId, filter, 5000, { plan: 'scan' })).map((r) => r.id);
    expect(scanned.length).toBeGreaterThan(0);
    // scanRows: PostgreSQL first tests the events of a span that many events long, then reads the rest
    // of the range (the index plan or the walk); the default span holds this whole log.
    const tunings: SearchTuning[] = [
      { plan: 'walk' },
      { candidateLimit: 3 },
      { candidateLimit: 3, recentWindow: 10 },
      { candidateLimit: 3, spanLimit: 0 },
      { candidateLimit: 3, scanRows: 40 },
      { candidateLimit: 3, scanRows: 1 },
      { scanRows: 0 },
    ];
    for (const tuning of tunings) {
      expect(await allPages(filter, 5000, tuning)).toEqual(scanned);
      expect(await allPages(filter, 4, tuning)).toEqual(scanned);
    }
  });
});

/**
 * A log where "person106@bench" is only in the oldest events, and the part of it the newest events
 * hold least, "106@", is in every event of actor106@bench.test too (another column). Subjects
 * person100@ .. person104@ make "n10" rarer than 1 event in 10 but not rare enough for the window.
 */
async function seedAnotherColumn(): Promise<void> {
  const rows = Array.from({ length: 660 }, (_, i) => ({
    id: `00000000-0000-7000-a000-${String(i).padStart(12, '0')}`,
    organization_id: i % 11 === 10 ? 'org-other' : t.org.organizationId,
    actor_user_id: `actor-${100 + (i % 40)}`,
    actor_label: `Actor ${100 + (i % 40)} <actor${100 + (i % 40)}@bench.test>`,
    action: 'user.role_changed',
    category: 'access',
    risk: 'low',
    subject_type: 'user',
    subject_id: `subject-${i}`,
    subject_label: i < 60 ? 'person106@bench.test' : i % 12 === 0 ? `person10${(i / 12) % 5}@bench.test` : `person${300 + (i % 50)}@bench.test`,
    reason: null,
    created_at: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 60_000).toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 110)
    await t.deps.db
      .insertInto('audit_events')
      .values(rows.slice(i, i + 110))
      .execute();
}

describe('a term the newest events do not hold, whose window another column holds (SQLite and PostgreSQL)', () => {
  beforeEach(seedAnotherColumn);

  it('should widen the window within the term, and find exactly the rows the per-column test finds', async () => {
    const term = { column: null, text: 'person106@bench' };
    const narrowed = await narrowTerms(t.deps.db, t.org.organizationId, [term], [term]);
    if (t.deps.dialect === 'sqlite') {
      expect({ unseen: narrowed.unseen, window: narrowed.windows[0].text, wider: narrowed.wider(1)?.[0].text }).toEqual({
        unseen: true,
        window: '106@',
        wider: 'n106@',
      });
    } else {
      // PostgreSQL's window takes in neighbours held by up to a fifth of the sample at once (its GIN
      // index reads their posting lists cheaply); it does not widen afterwards.
      expect({ unseen: narrowed.unseen, window: narrowed.windows[0].text }).toEqual({ unseen: true, window: 'on106@' });
    }
    for (const filter of [{ q: 'person106@bench' }, { q: 'person106@bench', sort: 'oldest' as const }, { subject: 'person106@' }]) {
      const scanned = (await listAuditRows(t.deps.db, t.org.organizationId, filter, 1000, { plan: 'scan' })).map((r) => r.id);
      expect(scanned.length).toBeGreaterThan(40);
      // 70: more than "106@" has candidates here (76), fewer than "n106@" has (60).
      for (const tuning of [
        {},
        { candidateLimit: 70 },
        { candidateLimit: 3 },
        { candidateLimit: 3, spanLimit: 0 },
        { scanRows: 30 },
        { candidateLimit: 3, scanRows: 30 },
      ]) {
        for (const limit of [1, 7, 1000]) expect((await allPages(filter, limit, tuning)).slice(0, 1000)).toEqual(scanned);
      }
    }
  });

  it('should keep to the organization and the exact filters when it reads an unseen term’s candidates at once', async () => {
    // PostgreSQL reads them in one statement that tests each (fewCandidates): five of them are another
    // organization's events, and some filters match none of them or only one.
    const filters: AuditFilter[] = [
      { subject: 'person106@', from: '2026-11-01T00:20:00.000Z', to: '2026-11-01T00:45:00.000Z' },
      { q: 'person106@bench', risk: 'low', sort: 'oldest', from: '2026-11-01T00:30:00.000Z' },
      { subject: 'person106@', risk: 'high' },
      { subject: 'person106@', subjectId: 'subject-10' },
      { subject: 'person106@', subjectId: 'subject-11' },
      { q: 'person106@bench', category: 'auth' },
    ];
    for (const filter of filters) {
      const scanned = (await listAuditRows(t.deps.db, t.org.organizationId, filter, 1000, { plan: 'scan' })).map((r) => r.id);
      for (const tuning of [{}, { candidateLimit: 61 }, { candidateLimit: 3 }])
        for (const limit of [1, 7, 1000]) expect((await allPages(filter, limit, tuning)).slice(0, 1000), JSON.stringify(filter)).toEqual(scanned);
    }
    const count = async (filter: AuditFilter) => (await listAuditRows(t.deps.db, t.org.organizationId, filter, 1000)).length;
    expect([await count(filters[0]), await count(filters[2]), await count(filters[3]), await count(filters[4])]).toEqual([22, 0, 0, 1]);
  });
});
