import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { openDeps, type OpenDepsOptions } from '../../src/server/deps.factory.js';
import { createSession } from '../../src/server/features/auth/auth.service.js';
import { createOrganization } from '../../src/server/features/organizations/organizations.bootstrap.js';
import { insertUser } from '../../src/server/features/users/users.repository.js';
import { personRow } from './seed-users.js';
import type { Deps } from '../../src/server/platform/deps.js';
import { deliverDueMail } from '../../src/server/platform/mail/mail.service.js';
import { migratedSqliteFile, takePostgresSchema } from './migrated-template.js';

export const usePostgres = process.env.TEST_DB === 'postgres';

/** A controllable clock: tests move time instead of waiting. */
export function testClock(start = new Date('2026-11-29T09:00:00.000Z')) {
  let now = start.getTime();
  const clock = () => new Date(now);
  clock.advance = (ms: number) => {
    now += ms;
  };
  clock.set = (date: Date) => {
    now = date.getTime();
  };
  return clock;
}

export interface TestOrg {
  organizationId: string;
  adminUserId: string;
  roleIds: Map<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof testClock>;
  org: TestOrg;
  /** Cookie header of a fresh session for the org's admin. */
  adminCookie: string;
  createUser(input: {
    email: string;
    name?: string;
    roleKey?: string;
    status?: 'active' | 'invited' | 'deactivated';
    organizationId?: string;
  }): Promise<string>;
  signInAs(userId: string): Promise<string>;
  /**
   * A signed-in active user holding a custom role with exactly `permissions`. The admin creates the
   * role through the API (owned by the admin; `roleName` defaults to "Role of <email>"); the role is
   * set on the user directly, so no role-change audit event or mail follows.
   */
  userWithPermissions(email: string, permissions: string[], options?: { roleName?: string }): Promise<{ userId: string; roleId: string; cookie: string }>;
  newOrganization(name: string, adminEmail: string): Promise<TestOrg & { adminCookie: string }>;
  /** Runs one delivery round of the outbox, as the worker would. */
  deliverMail(): Promise<number>;
  mailTo(address: string): Promise<{ subject: string; text: string }[]>;
  close(): Promise<void>;
}

/**
 * `databaseUrl`: a PostgreSQL database of the test's own (an empty one, migrated here) instead of a
 * schema of TEST_DATABASE_URL or a SQLite file.
 */
export async function buildTestApp(
  options: {
    config?: Partial<Config>;
    clock?: ReturnType<typeof testClock>;
    databaseUrl?: string;
    log?: OpenDepsOptions['log'];
    /** Run the background workers as the server does, the mail worker polling this rarely. */
    workers?: { mailPollMs: number };
  } = {},
): Promise<TestApp> {
  const clock = options.clock ?? testClock();
  let databaseUrl: string;
  let schema: string | undefined;
  let dir: string | undefined;
  let releaseSchema: (() => void) | undefined;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
  } else if (usePostgres) {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    ({ schema, release: releaseSchema } = await takePostgresSchema(databaseUrl));
  } else {
    dir = mkdtempSync(join(tmpdir(), 'sofie-test-'));
    databaseUrl = `sqlite:${join(dir, 'test.db')}`;
    await migratedSqliteFile(join(dir, 'test.db'));
  }
  const config = loadConfig({}, { databaseUrl, publicUrl: 'http://localhost:3000', logLevel: 'silent', databasePoolSize: 4, ...options.config });
  const opened = await openDeps(config, options.databaseUrl ? { clock, log: options.log } : { schema, clock, migrated: true, log: options.log });
  const deps = opened.deps;
  const app = await buildApp(deps, { logger: false, startWorkers: options.workers !== undefined, mailPollMs: options.workers?.mailPollMs });
  const org = await deps.db
    .transaction()
    .execute((trx) => createOrganization(trx, deps, { name: 'Acme Corp', adminEmail: 'admin@acme.test', adminName: 'Alice Admin' }));

  async function signInAs(userId: string): Promise<string> {
    const user = await deps.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    const session = await createSession(deps.db, deps, user, 'magic_link', { ip: '127.0.0.1', userAgent: 'vitest' });
    return `sofie_session=${session.token}`;
  }

  async function createUser(input: Parameters<TestApp['createUser']>[0]): Promise<string> {
    const organizationId = input.organizationId ?? org.organizationId;
    const role = await deps.db
      .selectFrom('roles')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('system_key', '=', input.roleKey ?? 'member')
      .executeTakeFirstOrThrow();
    const id = deps.newId();
    const name = input.name ?? input.email.split('@')[0];
    const now = clock().toISOString();
    await insertUser(
      deps.db,
      personRow({ id, organizationId, email: input.email, name, roleId: role.id, status: input.status ?? 'active', createdAt: now, lastActiveAt: null }),
    );
    return id;
  }

  const adminCookie = await signInAs(org.adminUserId);

  async function userWithPermissions(email: string, permissions: string[], options: { roleName?: string } = {}) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/roles',
      headers: { cookie: adminCookie },
      payload: { name: options.roleName ?? `Role of ${email}`, permissions, ownerUserId: org.adminUserId },
    });
    if (res.statusCode !== 201) throw new Error(`creating the role of ${email} answered ${res.statusCode}: ${res.body}`);
    const roleId = res.json<{ id: string }>().id;
    const userId = await createUser({ email });
    await deps.db.updateTable('users').set({ role_id: roleId }).where('id', '=', userId).execute();
    return { userId, roleId, cookie: await signInAs(userId) };
  }

  return {
    app,
    deps,
    clock,
    org,
    adminCookie,
    createUser,
    signInAs,
    userWithPermissions,
    async newOrganization(name, adminEmail) {
      const created = await deps.db.transaction().execute((trx) => createOrganization(trx, deps, { name, adminEmail }));
      return { ...created, adminCookie: await signInAs(created.adminUserId) };
    },
    deliverMail: () => deliverDueMail(deps, app.log, 1000),
    async mailTo(address) {
      const rows = await deps.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute();
      return rows.map((r) => ({ subject: r.subject, text: r.text_body }));
    },
    async close() {
      await app.close();
      await opened.close();
      releaseSchema?.();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The last link in a message that matches `pattern`, with its token. */
export function linkIn(text: string, path: string): { url: string; token: string } {
  const match = [...text.matchAll(new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?token=([A-Za-z0-9_-]+)`, 'g'))].pop();
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return { url: match[0], token: match[1] };
}
