import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { openDeps, type OpenedDeps } from '../../src/server/deps.factory.js';
import type { Deps } from '../../src/server/platform/deps.js';
import { freePort } from '../helpers/app-process.js';
import { postgresBinDir, startReplicaPair, type ReplicaPair } from '../helpers/pg-replica.js';
import { buildTestApp, usePostgres, type TestApp } from '../helpers/test-app.js';

/**
 * DATABASE_READ_URL against a real streaming replica: a primary and a standby that the test makes
 * with Debian's PostgreSQL (initdb, pg_basebackup -R) on free ports. Which database answered is
 * proven with data: while replay is paused on the standby, a change on the primary is visible only
 * to reads that reach the primary.
 */
const required = process.env.REQUIRE_POSTGRES === '1';
const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(usePostgres && (required || postgresBinDir() !== null))('Read replica: list, search and detail reads on a streaming replica', () => {
  let pair: ReplicaPair;
  let t: TestApp;
  /** A second administrator, who changes nothing: their reads go to the replica. */
  let otherAdmin: string;
  let carol: string;
  const others: { app: FastifyInstance; opened: OpenedDeps }[] = [];

  const get = (app: FastifyInstance, cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const detail = async (app: FastifyInstance, cookie: string) => {
    const res = await get(app, cookie, `/api/users/${carol}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ name: string; role: { name: string }; version: number }>();
  };
  const listed = async (app: FastifyInstance, cookie: string) => {
    const res = await get(app, cookie, '/api/users?search=carol');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string; name: string; role: { name: string } }[]).find((u) => u.id === carol);
  };
  const rename = (name: string) => t.deps.db.updateTable('users').set({ name }).where('id', '=', carol).execute();

  /** Polls `condition` (every 25 ms, at most `ms`) instead of sleeping for a guessed time. */
  async function until(what: string, condition: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Another server process on the same primary and replica (its own pools, probe and memory). */
  async function otherProcess(config: Partial<Config>, replicaProbeMs?: number, expected = 'up'): Promise<{ app: FastifyInstance; deps: Deps }> {
    const base = {
      databaseUrl: pair.primaryUrl,
      databaseReadUrl: pair.standbyUrl,
      publicUrl: 'http://localhost:3000',
      logLevel: 'silent',
      databasePoolSize: 4,
    };
    const opened = await openDeps(loadConfig({}, { ...base, ...config }), { clock: t.clock, migrated: true, replicaProbeMs });
    const app = await buildApp(opened.deps, { logger: false, startWorkers: false });
    others.push({ app, opened });
    await until(`the replica is measured: ${expected}`, () => opened.deps.replica?.status().state === expected);
    return { app, deps: opened.deps };
  }

  beforeAll(async () => {
    pair = await startReplicaPair();
    t = await buildTestApp({
      databaseUrl: pair.primaryUrl,
      // Generous bounds here, so a paused replica stays in use; the lag bound has its own test below.
      config: { databaseReadUrl: pair.standbyUrl, databaseReadMaxLagMs: 30_000, readYourWritesMs: 60_000 },
    });
    otherAdmin = await t.signInAs(await t.createUser({ email: 'bob@acme.test', name: 'Bob Admin', roleKey: 'admin' }));
    carol = await t.createUser({ email: 'carol@acme.test', name: 'Carol Member' });
    await until('the replica is in use and has replayed the set-up', async () => {
      if (t.deps.replica?.status().state !== 'up') return false;
      return (await get(t.app, otherAdmin, `/api/users/${carol}`)).statusCode === 200;
    });
  });

  afterAll(async () => {
    for (const other of others) {
      await other.app.close();
      await other.opened.close();
    }
    await t?.close();
    await pair?.close();
  });

  it('should show an admin their own role change at once while replay is paused, and another admin the replica', async () => {
    const { version } = await detail(t.app, t.adminCookie);
    await pair.pauseReplay();
    try {
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/users/${carol}/role`,
        headers: { cookie: t.adminCookie },
        payload: { roleId: t.org.roleIds.get('viewer'), version },
      });
      expect(put.statusCode, put.body).toBe(200);
      // Read-your-writes: the admin who changed it reads the primary.
      expect((await detail(t.app, t.adminCookie)).role.name).toBe('Viewer');
      expect((await listed(t.app, t.adminCookie))?.role.name).toBe('Viewer');
      // An admin who changed nothing reads the replica, which has not replayed the change.
      expect((await detail(t.app, otherAdmin)).role.name).toBe('Member');
      expect((await listed(t.app, otherAdmin))?.role.name).toBe('Member');
    } finally {
      await pair.resumeReplay();
    }
    await until('the other admin sees the change once it is replayed', async () => (await detail(t.app, otherAdmin)).role.name === 'Viewer');
  });

  it('should send the admin back to the replica once READ_YOUR_WRITES_SECONDS have passed', async () => {
    t.clock.advance(61_000);
    await pair.pauseReplay();
    try {
      await rename('Carol Renamed');
      expect((await detail(t.app, t.adminCookie)).name).toBe('Carol Member');
    } finally {
      await pair.resumeReplay();
    }
    await until('the rename is replayed', async () => (await detail(t.app, t.adminCookie)).name === 'Carol Renamed');
  });

  it('should skip a replica that lags more than DATABASE_READ_MAX_LAG_MS and use it again once it catches up', async () => {
    const strict = await otherProcess({ databaseReadMaxLagMs: 200, readYourWritesMs: 3_000 });
    await pair.pauseReplay();
    try {
      await rename('Carol Lagging');
      // Only the primary has the new name while replay is paused: the strict process reads it once the lag passes 200 ms.
      await until('the lagging replica is skipped', async () => (await detail(strict.app, otherAdmin)).name === 'Carol Lagging');
      expect(strict.deps.replica?.status()).toMatchObject({ state: 'lagging' });
      expect(strict.deps.replica?.status().lagMs).toBeGreaterThan(200);
      // The process with a 30 s bound still reads the replica.
      expect((await detail(t.app, otherAdmin)).name).toBe('Carol Renamed');
    } finally {
      await pair.resumeReplay();
    }
    await until('the replica is used again once it has caught up', () => strict.deps.replica?.status().state === 'up');
  });

  it.runIf(redisUrl)('should keep an admin on the primary in every process after a change, through Redis', async () => {
    const [one, two] = [await otherProcess({ redisUrl }), await otherProcess({ redisUrl })];
    const { version } = await detail(one.app, t.adminCookie);
    await pair.pauseReplay();
    try {
      const put = await one.app.inject({
        method: 'PUT',
        url: `/api/users/${carol}/role`,
        headers: { cookie: t.adminCookie },
        payload: { roleId: t.org.roleIds.get('member'), version },
      });
      expect(put.statusCode, put.body).toBe(200);
      // The next request lands on another process, which has no memory of the change: Redis tells it.
      expect((await detail(two.app, t.adminCookie)).role.name).toBe('Member');
      expect((await detail(two.app, otherAdmin)).role.name).toBe('Viewer');
    } finally {
      await pair.resumeReplay();
    }
    await until('the change is replayed', async () => (await detail(two.app, otherAdmin)).role.name === 'Member');
  });

  it('should start and answer from the primary when the replica cannot be reached at all', async () => {
    const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const alone = await otherProcess({ databaseReadUrl: nowhere }, undefined, 'down');
    const list = await get(alone.app, otherAdmin, '/api/users');
    expect(list.statusCode, list.body).toBe(200);
    const onPrimary = await t.deps.db.selectFrom('users').select('name').where('id', '=', carol).executeTakeFirstOrThrow();
    expect((await detail(alone.app, otherAdmin)).name).toBe(onPrimary.name);
  });

  it('should answer lists and details from the primary while the replica is gone, and use it again when it is back', async () => {
    // Probed once a minute: the replica is still believed up when the reads below reach it and fail.
    const unaware = await otherProcess({}, 60_000);
    await rename('Carol Primary');
    await pair.stopStandby();
    // No retry by the test: the first read after the replica vanished is already answered, by the primary.
    const list = await get(unaware.app, otherAdmin, '/api/users');
    expect(list.statusCode, list.body).toBe(200);
    expect(unaware.deps.replica?.status().state).toBe('down');
    expect((await listed(unaware.app, otherAdmin))?.name).toBe('Carol Primary');
    expect((await detail(unaware.app, otherAdmin)).name).toBe('Carol Primary');
    expect((await get(unaware.app, otherAdmin, '/api/groups')).statusCode).toBe(200);
    expect((await unaware.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    // The process probing every second reads the primary too.
    expect((await detail(t.app, otherAdmin)).name).toBe('Carol Primary');

    await pair.startStandby();
    await until('the probe finds the replica again', () => t.deps.replica?.status().state === 'up');
    await until('the replica has replayed what it missed', async () => {
      const { rows } = await pair.standby!.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [carol]);
      return rows[0]?.name === 'Carol Primary';
    });
    await pair.pauseReplay();
    try {
      await rename('Carol Unreplayed');
      await until('reads go to the replica again', async () => (await detail(t.app, otherAdmin)).name === 'Carol Primary');
    } finally {
      await pair.resumeReplay();
    }
  });
});
