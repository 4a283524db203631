// Seeds the scale bench's people into the first organization of a migrated database, through the
// product's own schema (its triggers keep counts, sort keys and the search index as in production).
import type { Insertable } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import type { Database } from '../src/server/db/database.js';
import { openDeps } from '../src/server/deps.factory.js';
import { personRow } from '../test/helpers/seed-users.js';
import { generatedPerson, RARE_TERM } from './people.js';
import { encodeCursor } from '../src/server/features/users/users.list.js';
import { postgresBulkWriter, sqliteBulkWriter } from './scale-bulk.js';

/** Users per transaction. */
const CHUNK = 50_000;

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
        const phases = { generate: 0, insert: 0, finish: 0 };
        const writer = opened.deps.dialect === 'sqlite' ? sqliteBulkWriter(databaseUrl.slice('sqlite:'.length), org.id) : await postgresBulkWriter(db, org.id);
        try {
          for (let start = 0; start < count; start += CHUNK) {
            const chunkStarted = performance.now();
            const users: Insertable<Database['users']>[] = [];
            const members: Insertable<Database['group_members']>[] = [];
            for (let i = start; i < Math.min(start + CHUNK, count); i++) {
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
              // Each membership carries its user's sort keys, as the product's trigger sets them.
              const membership = (groupId: string) => ({
                organization_id: org.id,
                group_id: groupId,
                user_id: id,
                added_by: null,
                added_at: person.createdAt,
                sort_name: person.name,
                sort_email: person.email.toLowerCase(),
                sort_created: person.createdAt,
                sort_last_active: person.lastActiveAt ?? '',
              });
              if (i % smallEvery === 0 && i / smallEvery < 2_000) members.push(membership(groupIds.small));
              if (i % bigEvery === 0) members.push(membership(groupIds.big));
            }
            const generated = performance.now();
            await writer.write(users, members);
            phases.insert += performance.now() - generated;
            phases.generate += generated - chunkStarted;
          }
          const finishing = performance.now();
          await writer.finish();
          phases.finish = performance.now() - finishing;
          console.log(
            `  seeding: generating rows ${(phases.generate / 1000).toFixed(1)} s, inserting ${(phases.insert / 1000).toFixed(1)} s, counts + indexes + triggers ${(phases.finish / 1000).toFixed(1)} s`,
          );
        } finally {
          await writer.close();
        }
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
