import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyOptions } from '../../../../test/helpers/property.js';
import { seedPeople } from '../../../../test/helpers/seed-users.js';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

// Whichever way a search's page is found (the walk in page order, the trigram index asked for the
// whole term or for its rarest part, a capped count), every page of the answer must hold exactly the
// users whose name or email holds the term, in order. People are made of few letters so that terms
// share trigrams with many who do not match.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'l', 'e', 'r'), minLength: 2, maxLength: 7 });
const personArb = fc.record({ first: word, last: word, domain: fc.constantFrom('abc.test', 'cab.test', 'ree.test') });
const termArb = fc.oneof(
  // A part of someone's name or email (index into the people, start, length).
  fc.record({ of: fc.nat(39), start: fc.nat(12), length: fc.integer({ min: 3, max: 9 }) }),
  fc.record({ text: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'l', 'e', 'r', '.', '@'), minLength: 3, maxLength: 8 }) }),
);

type Person = { name: string; email: string };

async function searchAll(cookie: string, term: string, limit: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/users?search=${encodeURIComponent(term)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: { id: string }[]; total: number; nextCursor: string | null }>();
    ids.push(...page.items.map((u) => u.id));
    totals.push(page.total);
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, totals };
}

describe('users search (property)', () => {
  it('should answer every page of a search with exactly the users whose name or email holds the term', async () => {
    const options = propertyOptions('users search', 20);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(personArb, { minLength: 10, maxLength: 40 }),
        fc.array(termArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(3, 50),
        async (made, terms, limit) => {
          const org = await t.newOrganization(`Search ${run}`, `admin@search${run}.test`);
          run++;
          const people: Person[] = made.map((p, i) => ({ name: `${p.first} ${p.last}`, email: `${p.first}.${p.last}${i}@${p.domain}` }));
          await seedPeople(t, people.length, (i) => people[i], org.organizationId);
          const rows = await t.deps.db
            .selectFrom('users')
            .select(['id', 'name', 'email_normalized'])
            .where('organization_id', '=', org.organizationId)
            .where('status', '<>', 'deleted')
            .execute();
          for (const spec of terms) {
            const source = 'text' in spec ? spec.text : `${people[spec.of % people.length].name.toLowerCase()} ${people[spec.of % people.length].email}`;
            const term = 'text' in spec ? spec.text : source.slice(spec.start % source.length, (spec.start % source.length) + spec.length);
            const expected = rows
              .filter((r) => `${r.name.toLowerCase()} ${r.email_normalized}`.includes(term.trim().toLowerCase()))
              .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
              .map((r) => r.id);
            const answer = await searchAll(org.adminCookie, term, limit);
            expect(answer.ids, `"${term}", ${limit} a page`).toEqual(expected);
            expect(new Set(answer.totals), `"${term}"`).toEqual(new Set([expected.length]));
          }
        },
      ),
      options,
    );
  });
});
