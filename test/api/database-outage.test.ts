import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithPrintedLink, startServerProcess, type ServerProcess } from '../helpers/app-process.js';
import { usePostgres } from '../helpers/test-app.js';

/**
 * The real server process on a PostgreSQL database of its own (terminating "every backend of the
 * database" must not reach other test files), with short limits so outages show within a second.
 */
describe.runIf(usePostgres)('PostgreSQL outages cost a 503, never the process', () => {
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  const database = `sofie_outage_${process.env.SOFIE_TEST_RUN ?? 'adhoc'}_${randomBytes(4).toString('hex')}`;
  let databaseUrl: string;
  let server: ServerProcess;
  let cookie: string;
  let holder: pg.Client;

  beforeAll(async () => {
    databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      DATABASE_LOCK_TIMEOUT_MS: '800',
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
      DATABASE_ACQUIRE_TIMEOUT_MS: '800',
      DATABASE_POOL_SIZE: '4',
    });
    cookie = await signInWithPrintedLink(server);
    holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
  });

  afterAll(async () => {
    await holder?.end();
    await server?.stop();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });

  /** What a failover does to the app: every server-side connection of the app ends at once. */
  async function terminateAppConnections(): Promise<number> {
    const { rows } = await holder.query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.length;
  }

  /** Polls the database until one of the app's connections waits on a lock (no sleeping). */
  async function untilAppWaitsOnLock(): Promise<void> {
    for (let i = 0; i < 10_000; i++) {
      const { rows } = await holder.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
    }
    throw new Error('the app never waited on the lock');
  }

  it('should stay up when its connections are terminated, and serve the next requests', async () => {
    // Several connections in the pool, all idle when they are cut.
    const warm = await Promise.all([get('/api/users'), get('/api/users'), get('/api/roles'), get('/api/groups')]);
    expect(warm.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await terminateAppConnections()).toBeGreaterThan(0);

    // The pool's connections are all dead; reads are retried once on a fresh connection.
    const after = await Promise.all([get('/api/users'), get('/api/users'), get('/api/roles')]);
    expect(after.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.exited()).toBeNull();
  });

  it('should answer a request in flight with a clean 503 when its connection is cut, and the next one normally', async () => {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const inFlight = get('/api/users');
    await untilAppWaitsOnLock();
    await terminateAppConnections();
    const res = await inFlight;
    await holder.query('ROLLBACK');
    // The read is retried on a new connection, which finds the lock still held until the timeout.
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(['DATABASE_UNAVAILABLE', 'DATABASE_BUSY']).toContain((await res.json()).error.code);
    expect(server.exited()).toBeNull();
    const next = await get('/api/users');
    expect(next.status, `${await next.text()}\n${server.output()}`).toBe(200);
  });

  it('should answer 503 with Retry-After instead of hanging while a lock is held, and not claim to be ready', async () => {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    try {
      // The lock is released only after these answers arrive: without timeouts they would never come.
      const [list, ready] = await Promise.all([get('/api/users'), fetch(`${server.url}/readyz`)]);
      expect(list.status).toBe(503);
      expect(list.headers.get('retry-after')).toBe('2');
      expect((await list.json()).error.code).toBe('DATABASE_BUSY');
      expect(ready.status).toBe(503);
    } finally {
      await holder.query('ROLLBACK');
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await get('/api/users')).status).toBe(200);
  });
});
