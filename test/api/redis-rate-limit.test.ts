import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/app-process.js';
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
    // A process counts on its own until its Redis client is connected (see the next describe).
    await untilReconnected(apps);
    // A fresh documentation-range /64 per run, so parallel runs never share a counter: IPv6 clients
    // are limited per /64, so a random host part alone (2001:db8::xxxx:xxxx) shared one counter.
    const remoteAddress = `2001:db8:${randomBytes(4)
      .toString('hex')
      .replace(/(.{4})(.{4})/, '$1:$2')}::1`;
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const app = apps[i % 2].app;
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress, payload: { email: `x${i}@acme.test` } })).statusCode);
    }
    // Ten allowed per minute in all, not ten per process.
    expect(codes.filter((c) => c === 202)).toHaveLength(10);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});

/** A Redis of this test's own on 127.0.0.1, so it can be stopped without touching the shared one. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited ${code}: ${output}`)));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Resolves once every app's Redis client has reconnected (the apps reconnect by themselves). */
async function untilReconnected(list: TestApp[]): Promise<void> {
  await Promise.all(list.filter((a) => a.deps.redis!.status !== 'ready').map((a) => once(a.deps.redis!, 'ready')));
}

describe('rate limits when Redis goes away', () => {
  let redis: ChildProcess | null = null;
  afterEach(async () => {
    if (redis) await stopRedis(redis);
    redis = null;
  });

  it('should keep serving and limiting sign-in in each process while Redis is down, and share counts again once it is back', async () => {
    const port = await freePort();
    redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    apps.push(await buildTestApp({ config: { redisUrl: url } }), await buildTestApp({ config: { redisUrl: url } }));
    await untilReconnected(apps);
    const signIn = (app: TestApp, remoteAddress: string, i: number) =>
      app.app.inject({ method: 'POST', url: '/api/auth/magic-link', remoteAddress, payload: { email: `y${i}@acme.test` } }).then((r) => r.statusCode);

    await stopRedis(redis);
    redis = null;
    // Down: no 500s; each process counts on its own (ten per minute per process, with a warning logged).
    const down: number[] = [];
    for (let i = 0; i < 12; i++) down.push(await signIn(apps[0], '2001:db8::a', i));
    expect(down.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(down.slice(10)).toEqual([429, 429]);
    expect(await signIn(apps[1], '2001:db8::a', 99)).toBe(202);

    // Back: counted in Redis, across both processes, again.
    redis = await startRedis(port);
    await untilReconnected(apps);
    const back: number[] = [];
    for (let i = 0; i < 12; i++) back.push(await signIn(apps[i % 2], '2001:db8::b', i));
    expect(back.filter((c) => c === 202)).toHaveLength(10);
    expect(back.slice(10)).toEqual([429, 429]);
  });
});
