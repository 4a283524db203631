import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedPeople } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

async function lookup(query: string, cookie = t.adminCookie) {
  const res = await t.app.inject({ method: 'GET', url: `/api/users/lookup?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ matches: { id: string; name: string; email: string; status: string }[] }>().matches;
}

async function people(list: [name: string, email: string, status?: 'active' | 'invited' | 'deactivated' | 'deleted'][], organizationId?: string) {
  for (const [name, email, status] of list) {
    const id = await t.createUser({ name, email, status: status === 'deleted' ? 'active' : status, organizationId });
    // A tombstone as deletion leaves it (the lookup reads status only).
    if (status === 'deleted') await t.deps.db.updateTable('users').set({ status: 'deleted' }).where('id', '=', id).execute();
  }
}

/** `count` people in another organization whose emails hold `term`, written before ours (first in the trigram index). */
async function crowdElsewhere(term: string, count: number) {
  const other = await t.newOrganization('Globex', 'admin@globex.test');
  await seedPeople(t, count, (i) => ({ email: `p${i}@${term}.test`, name: `Person ${i}` }), other.organizationId);
}

describe('users lookup (the command palette)', () => {
  it('should put email-prefix matches first, then others holding the term by name, never deleted users', async () => {
    await people([
      ['Zed Adams', 'zed@acme.test'],
      ['Ada Lovelace', 'ada@acme.test'],
      ['Adam Smith', 'adam@acme.test', 'invited'],
      ['Dada Stein', 'dada@acme.test', 'deactivated'],
      ['Ada Gone', 'ada.gone@acme.test', 'deleted'],
      ['Grace Hopper', 'grace@acme.test'],
    ]);
    const found = await lookup('q=ADA');
    expect(found.map((u) => u.email)).toEqual(['ada@acme.test', 'adam@acme.test', 'dada@acme.test', 'zed@acme.test']);
    expect(found.map((u) => u.status)).toEqual(['active', 'invited', 'deactivated', 'active']);
    expect((await lookup('q=ada&limit=2')).map((u) => u.email)).toEqual(['ada@acme.test', 'adam@acme.test']);
    expect((await lookup('q=ada&limit=3')).map((u) => u.email)).toEqual(['ada@acme.test', 'adam@acme.test', 'dada@acme.test']);
  });

  it('should find short terms by the start of an email or a name', async () => {
    await people([
      ['Bo Li', 'li@acme.test'],
      ['bob lowercase', 'x1@acme.test'],
      ['Jacob Bond', 'bond@acme.test'],
      ['Rebo Ot', 'rebo@acme.test'],
    ]);
    expect((await lookup('q=bo')).map((u) => u.name)).toEqual(['Jacob Bond', 'Bo Li', 'bob lowercase']);
    expect((await lookup('q=z')).map((u) => u.name)).toEqual([]);
  });

  it('should give a handful of a common term, sorted by name, and escape LIKE wildcards', async () => {
    await people(Array.from({ length: 30 }, (_, i) => [`Person ${String(30 - i).padStart(2, '0')}`, `p${i}@example.test`] as [string, string]));
    await people([['Percent Sign', 'hundred%@acme.test']]);
    const found = await lookup('q=example');
    expect(found).toHaveLength(5);
    expect(found.map((u) => u.name)).toEqual([...found.map((u) => u.name)].sort());
    expect(found.every((u) => u.email.includes('example'))).toBe(true);
    expect((await lookup('q=d%25@')).map((u) => u.name)).toEqual(['Percent Sign']);
    expect(await lookup('q=e_ample')).toEqual([]);
  });

  it('should find ours when another organization holds thousands of the same term, and never show theirs', async () => {
    await crowdElsewhere('zebracorp', 5_100);
    await people([['Our Zebra', 'ours@zebracorp.test']]);
    expect((await lookup('q=zebracorp')).map((u) => u.email)).toEqual(['ours@zebracorp.test']);
    expect((await lookup('q=p1')).map((u) => u.email)).toEqual([]);
  });

  it('should refuse a blank term or a limit over 20, and a caller who cannot view users', async () => {
    for (const query of ['q=%20%20', 'q=', 'limit=5', 'q=a&limit=21']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/users/lookup?${query}`, headers: { cookie: t.adminCookie } });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const member = await t.signInAs(await t.createUser({ email: 'm@acme.test' }));
    const res = await t.app.inject({ method: 'GET', url: '/api/users/lookup?q=ada', headers: { cookie: member } });
    expect(res.statusCode).toBe(403);
  });
});
