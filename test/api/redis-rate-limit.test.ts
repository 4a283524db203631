import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

// Joins the run when TEST_REDIS_URL is set; CI sets it and REQUIRE_REDIS, so it cannot be skipped there.
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.REQUIRE_REDIS === '1' && !redisUrl) throw new Error('REQUIRE_REDIS=1 but TEST_REDIS_URL is not set');

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe.runIf(redisUrl)('rate limits shared through Redis', () => {
  it('should count sign-in attempts across app processes', async () => {
    apps.push(await buildTestApp({ config: { redisUrl: redisUrl! } }), await buildTestApp({ config: { redisUrl: redisUrl! } }));
    // A fresh documentation-range address per run, so parallel runs never share a counter.
    const remoteAddress = `2001:db8::${randomBytes(4).toString('hex').replace(/(.{4})(.{4})/, '$1:$2')}`;
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const app = apps[i % 2]!.app;
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress, payload: { email: `x${i}@acme.test` } })).statusCode);
    }
    // Ten allowed per minute in all, not ten per process.
    expect(codes.filter((c) => c === 202)).toHaveLength(10);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});
