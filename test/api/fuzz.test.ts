import { afterEach, describe, expect, it } from 'vitest';
import { describeResult, fuzz, histogram, MUTATIONS } from '../helpers/api-fuzz.js';
import { propertyOptions } from '../helpers/property.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// One round per test (each on a fresh app): a round is ~1,300 requests, and two in one test neared the
// API tests' time limit on a loaded CI machine.
const ROUNDS = 2;

describe('bad input never breaks the server', () => {
  const { seed: firstSeed } = propertyOptions('API fuzz', 1);
  it.each(Array.from({ length: ROUNDS }, (_, round) => round))(
    'should answer every spoiled request to every operation in the API description with a 4xx and a code, never a 5xx (round %i)',
    async (round) => {
      t = await buildTestApp();
      const seed = firstSeed + round;
      const created = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: t.adminCookie }, payload: { name: 'Fuzz' } });
      const serviceToken = created.json().token as string;
      const memberId = await t.createUser({ email: 'member@acme.test' });
      let cookie = t.adminCookie;
      const results = await fuzz(t.app, {
        seed,
        rounds: 1,
        context: { anyId: memberId },
        headers: () => ({ cookie, authorization: `Bearer ${serviceToken}` }),
        renew: async () => {
          cookie = await t!.signInAs(t!.org.adminUserId);
        },
      });
      console.log(`[fuzz] ${results.length} requests: ${JSON.stringify(histogram(results))}`);
      expect(results.length).toBeGreaterThanOrEqual(80 * MUTATIONS.length); // every mutation of at least 80 operations
      const broken = results.filter((r) => r.status >= 500 || (r.status >= 400 && r.code === null)).map(describeResult);
      expect(broken).toEqual([]);
      // Some spoils are refused wherever they appear: an undeclared parameter, a NUL character (unless
      // the sign-in rate limit, which comes first, refused the request already).
      const accepted = (mutation: string, expected: (r: (typeof results)[number]) => boolean) =>
        results.filter((r) => r.request.mutation === mutation && r.code !== 'RATE_LIMITED' && !expected(r)).map(describeResult);
      expect(accepted('unknown-parameter', (r) => r.code === 'UNKNOWN_PARAMETER')).toEqual([]);
      // (An operation with nothing to spoil gets a malformed body instead.)
      expect(accepted('nul', (r) => r.request.target === 'body' || r.code === 'CONTROL_CHARACTER')).toEqual([]);
    },
  );
});
