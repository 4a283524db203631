import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { dropSchema } from '../src/server/db/dialect.js';
import { openDeps } from '../src/server/deps.factory.js';
import { createSession } from '../src/server/features/auth/auth.service.js';
import { createOrganization, type CreatedOrganization } from '../src/server/features/organizations/organizations.bootstrap.js';
import type { Deps } from '../src/server/platform/deps.js';

export interface BenchEnv {
  label: string;
  app: FastifyInstance;
  deps: Deps;
  org: CreatedOrganization;
  adminCookie: string;
  close(): Promise<void>;
}

/** The databases to measure: SQLite always, PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. */
export function benchDatabases(): { label: string; url: string | null }[] {
  const pg = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  return [{ label: 'sqlite', url: null }, ...(pg ? [{ label: 'postgres', url: pg }] : [])];
}

/**
 * A database kept between runs (a bench that seeds millions of rows seeds once): `name` is the SQLite
 * file `<dir>/<name>.db` or the PostgreSQL schema `<name>`; the organization seeded first is reused.
 */
export interface KeptDatabase {
  dir: string;
  name: string;
}

/** The first run's organization in a kept database, or a new one. */
async function benchOrganization(deps: Deps): Promise<CreatedOrganization> {
  const existing = await deps.db
    .selectFrom('organizations')
    .innerJoin('users', 'users.organization_id', 'organizations.id')
    .select(['organizations.id as organizationId', 'users.id as adminUserId'])
    .where('organizations.name', '=', 'Bench Corp')
    .where('users.email', '=', 'admin@bench.test')
    .executeTakeFirst();
  if (existing) return { ...existing, roleIds: new Map() };
  return deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name: 'Bench Corp', adminEmail: 'admin@bench.test' }));
}

export async function openBenchEnv(label: string, postgresUrl: string | null, overrides: Partial<Config> = {}, kept?: KeptDatabase): Promise<BenchEnv> {
  const dir = postgresUrl || kept ? null : mkdtempSync(join(tmpdir(), 'sofie-bench-'));
  const schema = postgresUrl ? (kept?.name ?? `bench_${randomBytes(6).toString('hex')}`) : undefined;
  const databaseUrl = postgresUrl ?? `sqlite:${kept ? join(kept.dir, `${kept.name}.db`) : join(dir!, 'bench.db')}`;
  const config = loadConfig({}, { databaseUrl, logLevel: 'silent', ...overrides });
  const opened = await openDeps(config, { schema });
  const app = await buildApp(opened.deps, { logger: false });
  const org = await benchOrganization(opened.deps);
  const session = await createSession(opened.deps.db, opened.deps, { id: org.adminUserId, organization_id: org.organizationId }, 'magic_link', {
    ip: null,
    userAgent: 'bench',
  });
  return {
    label,
    app,
    deps: opened.deps,
    org,
    adminCookie: `sofie_session=${session.token}`,
    async close() {
      await app.close();
      await opened.close();
      if (schema && !kept) await dropSchema(postgresUrl!, schema);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `fn` `n` times after a warm-up and returns p50/p95/max in milliseconds. */
export async function measure(n: number, fn: (i: number) => Promise<void>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 5; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/**
 * Runs `fn` against a new PostgreSQL database (named `prefix` and a random suffix) on the server of
 * `adminUrl`, and drops it afterwards: benches that start the real server need a database of their own.
 */
export async function withScratchPostgres<T>(adminUrl: string, prefix: string, fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const database = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
    return await fn(Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}
