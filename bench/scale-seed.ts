// Seeds the scale bench's people into the first organization of a migrated database, through the
// product's own schema: the rows are generated in SQL (scale-people-sql.ts) and bulk loaded with the
// indexes and triggers set aside, then everything those keep is computed once and the maintained
// counts are checked against a recount (scale-bulk.ts). test/api/scale-seed.test.ts checks the result.
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import { openDeps } from '../src/server/deps.factory.js';
import { encodeCursor } from '../src/server/features/users/users.list.js';
import type { Deps } from '../src/server/platform/deps.js';
import { RARE_TERM } from './people.js';
import { maintainedCountErrors, Phases, postgresBulkLoader, sqliteBulkLoader, type BulkLoader } from './scale-bulk.js';
import { insertMembers, insertPeople, peopleSelect, randomIdSalt, type PeopleContext, type PeopleRange } from './scale-people-sql.js';

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

export type SeedDeps = Pick<Deps, 'db' | 'dialect' | 'config' | 'newId'>;

/** The seeding's two groups: ~2,000 people and ~70,000 (all of them below 70,000 people). */
function groupRanges(count: number, now: number): { small: PeopleRange; big: PeopleRange } {
  const smallEvery = Math.max(1, Math.floor(count / 2_000));
  const bigEvery = Math.max(1, Math.round(count / 70_000));
  return {
    small: { start: 0, end: Math.min(count, smallEvery * 2_000), step: smallEvery, count, now },
    big: { start: 0, end: count, step: bigEvery, count, now },
  };
}

/** The people in two halves: PostgreSQL inserts them side by side. */
function halves(count: number, now: number): PeopleRange[] {
  const middle = Math.floor(count / 2);
  return [
    { start: 0, end: middle, count, now },
    { start: middle, end: count, count, now },
  ].filter((r) => r.end > r.start);
}

async function createGroups(deps: SeedDeps, organizationId: string, now: number): Promise<{ small: string; big: string }> {
  const ids = { small: deps.newId(), big: deps.newId() };
  const at = new Date(now).toISOString();
  for (const [id, name] of [
    [ids.small, 'Small team'],
    [ids.big, 'Big team'],
  ] as const) {
    await deps.db
      .insertInto('groups')
      .values({ id, organization_id: organizationId, name, name_normalized: name.toLowerCase(), description: '', created_at: at, updated_at: at })
      .execute();
  }
  return ids;
}

async function bulkLoader(deps: SeedDeps, organizationId: string, phases: Phases): Promise<BulkLoader> {
  if (deps.dialect === 'postgres') return postgresBulkLoader(deps.db, organizationId, phases);
  return sqliteBulkLoader(deps.config.databaseUrl.slice('sqlite:'.length), deps.db, organizationId, phases);
}

/** Where the bench's scenarios start: a user a third of the way in, the group sizes, the cursor half-way by name. */
async function landmarks(deps: SeedDeps, context: PeopleContext, organizationId: string, count: number, now: number) {
  const third = Math.floor(count / 3);
  const some = await sql<{ id: string }>`SELECT id FROM (${peopleSelect(context, { start: third, end: third + 1, count, now })}) AS p`.execute(deps.db);
  const half = await deps.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('status', '<>', 'deleted')
    .orderBy('name')
    .orderBy('id')
    .offset(Math.floor(count / 2))
    .limit(1)
    .executeTakeFirstOrThrow();
  return { someUserId: some.rows[0].id, halfWayCursor: encodeCursor(half.name, half.id) };
}

/**
 * Adds `count` generated people (bench/people.ts) to the database's first organization, with two
 * groups, and checks the maintained counts equal a recount. `now`: the people's "now" (ms).
 */
export async function seedScale(deps: SeedDeps, count: number, options: { now?: number; log?: (line: string) => void } = {}): Promise<Seeder> {
  const now = options.now ?? Date.now();
  const org = await deps.db.selectFrom('organizations').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const roles = new Map(
    (await deps.db.selectFrom('roles').select(['id', 'system_key']).where('organization_id', '=', org.id).execute()).map((r) => [r.system_key, r.id]),
  );
  const context: PeopleContext = { dialect: deps.dialect, memberRoleId: roles.get('member')!, rareRoleId: roles.get('publisher')!, idSalt: randomIdSalt() };
  const groupIds = await createGroups(deps, org.id, now);
  const groups = groupRanges(count, now);
  const phases = new Phases();
  const loader = await bulkLoader(deps, org.id, phases);
  try {
    await phases.time('users', () => loader.insert(halves(count, now).map((range) => insertPeople(context, org.id, range))));
    await phases.time('memberships', () =>
      loader.insert([insertMembers(context, org.id, groupIds.small, groups.small), insertMembers(context, org.id, groupIds.big, groups.big)]),
    );
    await loader.finish();
  } finally {
    loader.close();
  }
  const errors = await phases.time('recount', () => maintainedCountErrors(deps.db, org.id));
  if (errors.length > 0) throw new Error(`the maintained counts differ from a recount after seeding:\n${errors.join('\n')}`);
  options.log?.(`  seeding: ${phases.toString()}`);
  const size = async (groupId: string) =>
    (await deps.db.selectFrom('groups').select('member_count').where('id', '=', groupId).executeTakeFirstOrThrow()).member_count;
  return {
    rareTerm: RARE_TERM,
    rareRoleId: context.rareRoleId,
    smallGroupId: groupIds.small,
    smallGroupSize: await size(groupIds.small),
    bigGroupId: groupIds.big,
    bigGroupSize: await size(groupIds.big),
    ...(await landmarks(deps, context, org.id, count, now)),
  };
}

/** Opens the database at `databaseUrl` (migrated, stopped server) for seeding; statements may run long. */
export async function openSeeder(databaseUrl: string): Promise<{ seed(count: number): Promise<Seeder> }> {
  return {
    async seed(count) {
      const config = loadConfig({}, { databaseUrl, logLevel: 'silent', databaseStatementTimeoutMs: 600_000 });
      const opened = await openDeps(config, { migrated: true });
      try {
        return await seedScale(opened.deps, count, { log: (line) => console.log(line) });
      } finally {
        await opened.close();
      }
    },
  };
}
