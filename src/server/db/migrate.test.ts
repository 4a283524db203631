import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testSchemaName } from '../../../test/helpers/pg-schemas.js';
import { usePostgres } from '../../../test/helpers/test-app.js';
import { loadConfig } from '../config.js';
import { deliverDueMail } from '../platform/mail/mail.service.js';
import { openDatabase, type OpenedDatabase } from './dialect.js';
import { migrateTo, migrateToLatest } from './migrate.js';

let opened: OpenedDatabase | undefined;
let dir: string | undefined;
afterEach(async () => {
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  opened = dir = undefined;
});

async function openEmpty(): Promise<{ opened: OpenedDatabase; schema?: string }> {
  if (usePostgres) {
    const schema = testSchemaName();
    return { opened: await openDatabase(process.env.TEST_DATABASE_URL!, { schema }), schema };
  }
  dir = mkdtempSync(join(tmpdir(), 'sofie-migrate-'));
  return { opened: await openDatabase(`sqlite:${join(dir, 'upgrade.db')}`) };
}

describe('upgrading an existing database', () => {
  it('should give memberships made before migration 0006 their users’ sort keys, and keep them in step after', async () => {
    const empty = await openEmpty();
    opened = empty.opened;
    // The schema as of migration 0005, which the typed Database (always the latest) does not describe.
    const db = opened.db as unknown as Kysely<any>;
    await migrateTo(db, '2026_11_29_0005_usage', empty.schema);
    const at = '2026-01-01T00:00:00.000Z';
    await db.insertInto('organizations').values({ id: 'o1', name: 'Acme', created_at: at, updated_at: at }).execute();
    await db
      .insertInto('roles')
      .values({ id: 'r1', organization_id: 'o1', name: 'Member', name_normalized: 'member', created_at: at, updated_at: at })
      .execute();
    const user = (id: string, name: string, lastActive: string | null) => ({
      id,
      organization_id: 'o1',
      email: `${id}@acme.test`,
      email_normalized: `${id}@acme.test`,
      name,
      search_text: name.toLowerCase(),
      role_id: 'r1',
      status: 'active' as const,
      last_active_at: lastActive,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await db
      .insertInto('users')
      .values([user('u1', 'Ada', '2026-02-01T00:00:00.000Z'), user('u2', 'Grace', null)])
      .execute();
    await db
      .insertInto('groups')
      .values({ id: 'g1', organization_id: 'o1', name: 'Cohort', name_normalized: 'cohort', created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('group_members')
      .values(['u1', 'u2'].map((user_id) => ({ organization_id: 'o1', group_id: 'g1', user_id, added_by: null, added_at: at })))
      .execute();

    await migrateToLatest(db, empty.schema);
    const keys = () =>
      db.selectFrom('group_members').select(['user_id', 'sort_name', 'sort_email', 'sort_created', 'sort_last_active']).orderBy('user_id').execute();
    expect(await keys()).toEqual([
      { user_id: 'u1', sort_name: 'Ada', sort_email: 'u1@acme.test', sort_created: at, sort_last_active: '2026-02-01T00:00:00.000Z' },
      { user_id: 'u2', sort_name: 'Grace', sort_email: 'u2@acme.test', sort_created: at, sort_last_active: '' },
    ]);

    await db.updateTable('users').set({ name: 'Grace Hopper', last_active_at: '2026-03-01T00:00:00.000Z' }).where('id', '=', 'u2').execute();
    expect((await keys())[1]).toMatchObject({ sort_name: 'Grace Hopper', sort_last_active: '2026-03-01T00:00:00.000Z' });
  });

  it('should let an existing User manager grant the default role (Member) after migration 0008', async () => {
    const empty = await openEmpty();
    opened = empty.opened;
    const db = opened.db as unknown as Kysely<any>;
    await migrateTo(db, '2026_11_29_0006_group_member_sort_keys', empty.schema);
    const at = '2026-01-01T00:00:00.000Z';
    const before = ['workspaces.view', 'workspaces.edit', 'integrations.connect', 'users.view', 'users.invite', 'workspaces.create_shared'];
    await db.insertInto('organizations').values({ id: 'o1', name: 'Acme', created_at: at, updated_at: at }).execute();
    await db
      .insertInto('roles')
      .values({
        id: 'um',
        organization_id: 'o1',
        system_key: 'user_manager',
        name: 'User manager',
        name_normalized: 'user manager',
        permissions: JSON.stringify(before),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('roles')
      .values({
        id: 'c1',
        organization_id: 'o1',
        name: 'Custom',
        name_normalized: 'custom',
        permissions: JSON.stringify(before),
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();

    await migrateToLatest(db, empty.schema);
    const roles = await db.selectFrom('roles').select(['id', 'permissions', 'version']).orderBy('id').execute();
    expect(roles.map((r) => ({ ...r, permissions: JSON.parse(r.permissions as string), version: Number(r.version) }))).toEqual([
      { id: 'c1', permissions: before, version: 1 },
      { id: 'um', permissions: [...before, 'orchestrations.share'], version: 2 },
    ]);
  });

  it('should let the first delivery round after migration 0007 send mail that a crash left in "sending"', async () => {
    const empty = await openEmpty();
    opened = empty.opened;
    const db = opened.db as unknown as Kysely<any>;
    await migrateTo(db, '2026_11_29_0006_group_member_sort_keys', empty.schema);
    const at = '2026-11-29T08:00:00.000Z';
    const mail = (id: string, status: string) => ({
      id,
      organization_id: null,
      to_address: `${id}@acme.test`,
      subject: 'Welcome',
      text_body: 'Hello',
      status,
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    });
    await db
      .insertInto('mail_outbox')
      .values([mail('stuck', 'sending'), mail('waiting', 'pending')])
      .execute();

    await migrateToLatest(db, empty.schema);
    const logger = pino({ level: 'silent' });
    const deps = {
      config: loadConfig({}, { logLevel: 'silent' }),
      db: opened.db,
      readDb: opened.db,
      replica: null,
      dialect: opened.dialect,
      clock: () => new Date('2026-11-29T09:00:00.000Z'),
      newId: () => 'unused',
      mailTransport: null,
      auditObservers: [],
      redis: null,
      logger,
    };
    expect(await deliverDueMail(deps, logger)).toBe(2);
    expect(await db.selectFrom('mail_outbox').select(['id', 'status', 'attempts']).orderBy('id').execute()).toEqual([
      { id: 'stuck', status: 'local', attempts: 1 },
      { id: 'waiting', status: 'local', attempts: 1 },
    ]);
  });
});
