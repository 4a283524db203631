// The scale bench's generated people (generatedPerson in bench/people.ts) written as one SELECT that
// the database runs itself: a million rows come out of a series in SQL instead of a million JS objects
// bound one parameter at a time. test/api/scale-seed.test.ts checks that every row equals the one
// generatedPerson and personRow make, on both databases, so the two cannot drift apart.
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../src/server/db/database.js';
import { FIRST_NAMES, LAST_NAMES, RARE_TERM } from './people.js';

/** Which people to generate: the i-th of `count` for i = start, start + step, … below end. */
export interface PeopleRange {
  start: number;
  end: number;
  step?: number;
  count: number;
  /** The seeding's "now" in milliseconds (generatedPerson's `now`). */
  now: number;
}

export interface PeopleContext {
  dialect: Dialect;
  memberRoleId: string;
  /** The role 1 person in 100 holds. */
  rareRoleId: string;
  /** 3 and 4 hex digits (the second 8–b) that make this seeding's ids its own. */
  idSalt: [string, string];
}

/** This seeding's id salt: 26 random bits in the UUIDv7 "random" fields. */
export function randomIdSalt(): [string, string] {
  const random = (bits: number) => Math.floor(Math.random() * 2 ** bits);
  return [random(12).toString(16).padStart(3, '0'), (0x8000 | random(14)).toString(16)];
}

const title = (word: string) => `${word[0].toUpperCase()}${word.slice(1)}`;

/** `CASE <index> WHEN 0 THEN words[0] … END`: a list lookup both databases run the same way. */
function pick(index: RawBuilder<number>, words: readonly string[]): RawBuilder<string> {
  return sql<string>`(CASE ${index} ${sql.join(
    words.map((word, k) => sql`WHEN ${sql.lit(k)} THEN ${sql.lit(word)}`),
    sql` `,
  )} END)`;
}

/** An ISO 8601 UTC timestamp with milliseconds (as Date#toISOString writes it) from integer milliseconds. */
function isoFromMs(dialect: Dialect, ms: RawBuilder<number>): RawBuilder<string> {
  return dialect === 'sqlite'
    ? sql`(strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || '.' || printf('%03d', ${ms} % 1000) || 'Z')`
    : sql`to_char(timestamp '1970-01-01' + ${ms} * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * A UUIDv7 whose time is the person's creation (ids sort as created, as the product's would had they
 * been created over time) and whose random bits are the seeding's salt and the person's number i.
 */
function uuidV7(context: PeopleContext, ms: RawBuilder<number>, i: RawBuilder<number>): RawBuilder<string> {
  const [a, b] = context.idSalt;
  return context.dialect === 'sqlite'
    ? sql`printf('%08x-%04x-7%s-%s-%012x', ${ms} >> 16, ${ms} & 65535, ${a}, ${b}, ${i})`
    : sql`(lpad(to_hex(${ms} >> 16), 8, '0') || '-' || lpad(to_hex(${ms} & 65535), 4, '0') || '-7' || ${a}::text || '-' || ${b}::text || '-' || lpad(to_hex(${i}), 12, '0'))`;
}

/** The numbers i of the range as a FROM item `series(i)` (an integer column). */
function series(dialect: Dialect, range: PeopleRange): RawBuilder<unknown> {
  const step = range.step ?? 1;
  if (dialect === 'postgres') return sql`generate_series(${range.start}::bigint, ${range.end - 1}::bigint, ${step}::bigint) AS series(i)`;
  return sql`(WITH RECURSIVE s(i) AS (SELECT CAST(${range.start} AS INTEGER) UNION ALL SELECT i + ${sql.lit(step)} FROM s WHERE i + ${sql.lit(step)} < ${range.end})
    SELECT i FROM s) AS series`;
}

const int = (dialect: Dialect, value: number) => (dialect === 'sqlite' ? sql<number>`CAST(${value} AS INTEGER)` : sql<number>`${value}::bigint`);

/**
 * The people of `range` with generatedPerson's fields as columns: i, id, name, email, created_at,
 * last_active_at, role_id, status. Emails are lower case already (personRow's normalized email).
 */
export function peopleSelect(context: PeopleContext, range: PeopleRange): RawBuilder<unknown> {
  const { dialect } = context;
  const i = sql<number>`i`;
  const rare = sql<boolean>`i % 1000 = 7`;
  const lastIndex = sql<number>`(i / 20) % 20`;
  const first = pick(sql`i % 20`, FIRST_NAMES);
  const last = sql`(CASE WHEN ${rare} THEN ${sql.lit(RARE_TERM)} ELSE ${pick(lastIndex, LAST_NAMES)} END)`;
  const titleLast = sql`(CASE WHEN ${rare} THEN ${sql.lit(title(RARE_TERM))} ELSE ${pick(lastIndex, LAST_NAMES.map(title))} END)`;
  const domain = sql`(CASE WHEN i % 5 < 2 THEN 'gmail.com' ELSE 'example' || (i % 7) || '.test' END)`;
  const createdMs = sql<number>`created_ms`;
  const activeAgoDays = sql`(CASE WHEN i % 1000 = 5 THEN 2 ELSE 10 + i % 80 END)`;
  const lastActiveMs = sql<number>`(${int(dialect, range.now)} - ${activeAgoDays} * 86400000)`;
  return sql`SELECT i,
      ${uuidV7(context, createdMs, i)} AS id,
      ${pick(sql`i % 20`, FIRST_NAMES.map(title))} || ' ' || ${titleLast} AS name,
      ${first} || '.' || ${last} || i || '@' || ${domain} AS email,
      ${isoFromMs(dialect, createdMs)} AS created_at,
      CASE WHEN i % 3 = 0 THEN NULL ELSE ${isoFromMs(dialect, lastActiveMs)} END AS last_active_at,
      CASE WHEN i % 100 = 0 THEN ${context.rareRoleId} ELSE ${context.memberRoleId} END AS role_id,
      CASE WHEN i % 50 = 0 THEN 'deactivated' WHEN i % 10 = 1 THEN 'invited' ELSE 'active' END AS status
    FROM (SELECT i, ${int(dialect, range.now)} - (${int(dialect, range.count)} - i) * 1000 AS created_ms FROM ${series(dialect, range)}) AS numbered`;
}

/**
 * Inserts the people of `range` into `users` as personRow writes them (activated when created, never
 * signed in, search text = lower-case name and email), in one statement.
 */
export function insertPeople(context: PeopleContext, organizationId: string, range: PeopleRange): RawBuilder<unknown> {
  return sql`INSERT INTO users (id, organization_id, email, email_normalized, name, search_text, role_id, status,
      invited_by, invited_at, activated_at, last_sign_in_at, last_active_at, deactivated_at, version, created_at, updated_at)
    SELECT id, ${organizationId}, email, email, name, lower(name) || ' ' || email, role_id, status,
      NULL, NULL, created_at, NULL, last_active_at, NULL, 1, created_at, created_at
    FROM (${peopleSelect(context, range)}) AS people`;
}

/**
 * Adds the people of `range` to a group, each membership carrying its user's sort keys read from the
 * users row exactly as the product's trigger copies them (migration 0006).
 */
export function insertMembers(context: PeopleContext, organizationId: string, groupId: string, range: PeopleRange): RawBuilder<unknown> {
  return sql`INSERT INTO group_members (organization_id, group_id, user_id, added_by, added_at, sort_name, sort_email, sort_created, sort_last_active)
    SELECT u.organization_id, ${groupId}, u.id, NULL, u.created_at, u.name, u.email_normalized, u.created_at, COALESCE(u.last_active_at, '')
    FROM (${peopleSelect(context, range)}) AS people JOIN users u ON u.id = people.id AND u.organization_id = ${organizationId}`;
}
