// Seeds the scale bench's people into the first organization of a migrated database, through the
// product's own schema (its triggers keep counts, sort keys and the search index as in production).
import SQLite from 'better-sqlite3';
import { sql, type Insertable, type Kysely } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/database.js';
import { openDeps } from '../src/server/deps.factory.js';
import { personRow } from '../test/helpers/seed-users.js';
import { generatedPerson, RARE_TERM } from './people.js';
import { encodeCursor } from '../src/server/features/users/users.list.js';

const BATCH = 500;

export interface Seeder {
  /** Appears in 1 user in 1,000. */
  rareTerm: string;
  /** Held by 1 user in 100. */
  rareRoleId: string;
  smallGroupId: string;
  smallGroupSize: number;
  bigGroupId: string;
  bigGroupSize: number;
  halfWayCursor: string;
  someUserId: string;
}

interface BatchWriter {
  /** Inserts the users, then the memberships, in one transaction. */
  write(users: Insertable<Database['users']>[], members: Insertable<Database['group_members']>[]): Promise<void>;
  close(): void;
}

function kyselyWriter(db: Kysely<Database>): BatchWriter {
  return {
    async write(users, members) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < users.length; i += BATCH)
          await trx
            .insertInto('users')
            .values(users.slice(i, i + BATCH))
            .execute();
        for (let i = 0; i < members.length; i += BATCH)
          await trx
            .insertInto('group_members')
            .values(members.slice(i, i + BATCH))
            .execute();
      });
    },
    close() {},
  };
}

/**
 * SQLite: one prepared INSERT per table reused for every row, on a connection of the seeder's own
 * with a page cache large enough for the indexes' random inserts (the server's 16 MB made a million
 * users take ten minutes) and no fsync per transaction (a bench database; the triggers still keep
 * counts, sort keys and the search index exactly as in production).
 */
function sqliteWriter(file: string): BatchWriter {
  const connection = new SQLite(file);
  connection.pragma('synchronous = OFF');
  connection.pragma('cache_size = -1000000');
  connection.pragma('temp_store = MEMORY');
  const statements = new Map<string, SQLite.Statement>();
  const insert = (table: string, row: object) => {
    let statement = statements.get(table);
    if (!statement) {
      const columns = Object.keys(row);
      statement = connection.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      statements.set(table, statement);
    }
    statement.run(row);
  };
  const batch = connection.transaction((users: object[], members: object[]) => {
    for (const row of users) insert('users', row);
    for (const row of members) insert('group_members', row);
  });
  return {
    async write(users, members) {
      batch(users, members);
      // Lets the event loop breathe between batches of 10,000.
      await new Promise((resolve) => setImmediate(resolve));
    },
    close: () => connection.close(),
  };
}

export async function openSeeder(databaseUrl: string): Promise<{ seed(count: number): Promise<Seeder> }> {
  return {
    async seed(count) {
      const opened = await openDeps(loadConfig({}, { databaseUrl, logLevel: 'silent' }), { migrated: true });
      const { db } = opened.deps;
      try {
        const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
        const roles = new Map(
          (await db.selectFrom('roles').select(['id', 'system_key']).where('organization_id', '=', org.id).execute()).map((r) => [r.system_key, r.id]),
        );
        const now = Date.now();
        const iso = (ms: number) => new Date(ms).toISOString();
        const groupIds = { small: opened.deps.newId(), big: opened.deps.newId() };
        for (const [id, name] of [
          [groupIds.small, 'Small team'],
          [groupIds.big, 'Big team'],
        ] as const) {
          await db
            .insertInto('groups')
            .values({ id, organization_id: org.id, name, name_normalized: name.toLowerCase(), description: '', created_at: iso(now), updated_at: iso(now) })
            .execute();
        }
        const smallEvery = Math.max(1, Math.floor(count / 2_000));
        const bigEvery = Math.max(1, Math.round(count / 70_000));
        let someUserId = '';
        const writer = opened.deps.dialect === 'sqlite' ? sqliteWriter(databaseUrl.slice('sqlite:'.length)) : kyselyWriter(db);
        try {
          for (let start = 0; start < count; start += BATCH * 20) {
            const users: Insertable<Database['users']>[] = [];
            const members: Insertable<Database['group_members']>[] = [];
            for (let i = start; i < Math.min(start + BATCH * 20, count); i++) {
              const person = generatedPerson(i, count, now);
              const id = opened.deps.newId();
              if (i === Math.floor(count / 3)) someUserId = id;
              users.push(
                personRow({
                  id,
                  organizationId: org.id,
                  email: person.email,
                  name: person.name,
                  roleId: person.rareRole ? roles.get('publisher')! : roles.get('member')!,
                  status: person.status,
                  createdAt: person.createdAt,
                  lastActiveAt: person.lastActiveAt,
                }),
              );
              const created = person.createdAt;
              if (i % smallEvery === 0 && i / smallEvery < 2_000)
                members.push({ organization_id: org.id, group_id: groupIds.small, user_id: id, added_by: null, added_at: created });
              if (i % bigEvery === 0) members.push({ organization_id: org.id, group_id: groupIds.big, user_id: id, added_by: null, added_at: created });
            }
            await writer.write(users, members);
          }
        } finally {
          writer.close();
        }
        // A bulk load leaves the trigram index in many segments; merged, a rare term's count is 9x cheaper.
        if (opened.deps.dialect === 'sqlite') await sql`INSERT INTO users_search(users_search) VALUES ('optimize')`.execute(db);
        await sql.raw(opened.deps.dialect === 'postgres' ? 'VACUUM ANALYZE users, group_members' : 'ANALYZE').execute(db);
        const size = async (groupId: string) =>
          Number(
            (
              await db
                .selectFrom('group_members')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('group_id', '=', groupId)
                .executeTakeFirstOrThrow()
            ).n,
          );
        const half = await db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('organization_id', '=', org.id)
          .where('status', '<>', 'deleted')
          .orderBy('name')
          .orderBy('id')
          .offset(Math.floor(count / 2))
          .limit(1)
          .executeTakeFirstOrThrow();
        return {
          rareTerm: RARE_TERM,
          rareRoleId: roles.get('publisher')!,
          smallGroupId: groupIds.small,
          smallGroupSize: await size(groupIds.small),
          bigGroupId: groupIds.big,
          bigGroupSize: await size(groupIds.big),
          halfWayCursor: encodeCursor(half.name, half.id),
          someUserId,
        };
      } finally {
        await opened.close();
      }
    },
  };
}
