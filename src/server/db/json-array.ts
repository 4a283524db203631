import type { RawBuilder, SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArray } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray } from 'kysely/helpers/sqlite';
import type { Dialect } from './database.js';

/**
 * A subquery's rows as one JSON array column (a page's groups or usage in the page's own statement).
 * PostgreSQL returns it parsed; SQLite returns text: read it with `jsonArrayValue`.
 */
export function jsonArrayOf<O>(dialect: Dialect, subquery: SelectQueryBuilder<any, any, O>): RawBuilder<O[]> {
  return (dialect === 'postgres' ? postgresJsonArray(subquery) : sqliteJsonArray(subquery)) as unknown as RawBuilder<O[]>;
}

export function jsonArrayValue<O>(value: O[] | string | null | undefined): O[] {
  if (value == null) return [];
  return typeof value === 'string' ? (JSON.parse(value) as O[]) : value;
}
