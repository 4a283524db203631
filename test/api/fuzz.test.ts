import { afterEach, describe, expect, it } from 'vitest';
import { describeResult, fuzz, histogram, MUTATIONS } from '../helpers/api-fuzz.js';
import { propertyOptions } from '../helpers/property.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// One test per kind of spoil (each on a fresh app, ~300 requests): all of them in one test, ~2,600
// requests, passed the API tests' time limit on a loaded CI machine.

describe('bad input never breaks the server', () => {
  const { seed: firstSeed } = propertyOptions('API fuzz', 1);
  it.each(MUTATIONS.map((mutation, i) => [mutation, i] as const))(
    'should answer every request spoiled with %s, to every operation in the API description, with a 4xx and a code, never a 5xx',
    async (mutation, i) => {
      t = await buildTestApp();
      const seed = firstSeed + i;
      const created = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie: t.adminCookie }, payload: { name: 'Fuzz' } });
      const serviceToken = created.json().token as string;
      const memberId = await t.createUser({ email: 'member@acme.test' });
      let cookie = t.adminCookie;
      const results = await fuzz(t.app, {
        seed,
        rounds: 2,
        mutations: [mutation],
        context: { anyId: memberId },
        headers: () => ({ cookie, authorization: `Bearer ${serviceToken}` }),
        renew: async () => {
          cookie = await t!.signInAs(t!.org.adminUserId);
        },
      });
      console.log(`[fuzz] ${results.length} requests: ${JSON.stringify(histogram(results))}`);
      expect(results.length).toBeGreaterThanOrEqual(2 * 80); // two rounds over at least 80 operations
      const broken = results.filter((r) => r.status >= 500 || (r.status >= 400 && r.code === null)).map(describeResult);
      expect(broken).toEqual([]);
      // Some spoils are refused wherever they appear: an undeclared parameter, a NUL character (unless
      // the sign-in rate limit, which comes first, refused the request already).
      const accepted = (expected: (r: (typeof results)[number]) => boolean) =>
        results.filter((r) => r.code !== 'RATE_LIMITED' && !expected(r)).map(describeResult);
      if (mutation === 'unknown-parameter') expect(accepted((r) => r.code === 'UNKNOWN_PARAMETER')).toEqual([]);
      // (An operation with nothing to spoil gets a malformed body instead.)
      if (mutation === 'nul') expect(accepted((r) => r.request.target === 'body' || r.code === 'CONTROL_CHARACTER')).toEqual([]);
    },
  );
});
