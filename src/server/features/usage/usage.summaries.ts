// Usage at a glance (events in the last 30 days, the most frequent type) for the users list, the user
// page and access reviews: one rule, computed by the database (usageSummaryJsonColumn).
import type { UserUsageSummary } from '../../../contracts/usage.js';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { chunks } from '../../db/chunks.js';
import { dialectOf } from '../../db/dialect.js';
import { jsonObjectValue } from '../../db/json-array.js';
import { addDays, dayOf } from './usage.dates.js';

/** The usage summary of each of these users (of the organization), read in statements of a few hundred ids. */
export async function usageSummariesOf(db: DbOrTrx, organizationId: string, userIds: string[], now: Date): Promise<Map<string, UserUsageSummary>> {
  const out = new Map<string, UserUsageSummary>();
  const target = { userIdColumn: 'users.id', organizationId, fromDay: usageWindowStart(now) };
  for (const ids of chunks(userIds)) {
    const rows = await db
      .selectFrom('users')
      .select(['users.id', usageSummaryJsonColumn(db, dialectOf(db), target).as('usage')])
      .where('users.organization_id', '=', organizationId)
      .where('users.id', 'in', ids)
      .execute();
    for (const row of rows) out.set(row.id, usageSummaryValue(row.usage));
  }
  return out;
}

/** A usage summary column's value: JSON text on SQLite, parsed on PostgreSQL. */
export function usageSummaryValue(value: UserUsageSummary | string | null): UserUsageSummary {
  return jsonObjectValue(value) ?? { events30d: 0, topType: null };
}

/** The first day of the 30 days (today included) a usage summary covers. */
export function usageWindowStart(now: Date): string {
  return addDays(dayOf(now), -29);
}

/**
 * A column for a query that reads users: the user's UserUsageSummary (events since `fromDay`, most
 * frequent type, ties to the first by name) as JSON built by the database, which the users list sends
 * as it is. JSON text on SQLite, json on PostgreSQL (read it with usageSummaryValue).
 */
export function usageSummaryJsonColumn(
  db: DbOrTrx,
  dialect: Dialect,
  target: { userIdColumn: string; organizationId: string; fromDay: string },
): RawBuilder<UserUsageSummary | string> {
  const byType = db
    .selectFrom('usage_daily')
    .select((eb) => ['usage_daily.type', eb.fn.sum<number>('usage_daily.events').as('events')])
    .where('usage_daily.organization_id', '=', target.organizationId)
    .where(sql<boolean>`usage_daily.user_id = ${sql.ref(target.userIdColumn)}`)
    .where('usage_daily.day', '>=', target.fromDay)
    .groupBy('usage_daily.type')
    .having(sql<boolean>`sum(usage_daily.events) > 0`);
  // The first of the types in order of events (most first), then of name. An ordered aggregate cost
  // SQLite a third less than ranking the types with a window function.
  const summary =
    dialect === 'postgres'
      ? sql`json_build_object('events30d', COALESCE(sum(t.events), 0), 'topType', (array_agg(t.type ORDER BY t.events DESC, t.type))[1])`
      : sql`json_object('events30d', COALESCE(sum(t.events), 0), 'topType', json_group_array(t.type ORDER BY t.events DESC, t.type) ->> 0)`;
  return sql<UserUsageSummary | string>`(SELECT ${summary} FROM (${byType}) AS t)`;
}
