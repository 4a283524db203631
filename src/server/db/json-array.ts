import type { RawBuilder, SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArray, jsonObjectFrom as postgresJsonObject } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArray, jsonObjectFrom as sqliteJsonObject } from 'kysely/helpers/sqlite';
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

/** A subquery's first row as one JSON object column (null when it has none): parsed on PostgreSQL, text on SQLite. */
export function jsonObjectOf<O>(dialect: Dialect, subquery: SelectQueryBuilder<any, any, O>): RawBuilder<O | null> {
  return (dialect === 'postgres' ? postgresJsonObject(subquery) : sqliteJsonObject(subquery)) as unknown as RawBuilder<O | null>;
}

export function jsonObjectValue<O>(value: O | string | null | undefined): O | null {
  if (value == null) return null;
  return typeof value === 'string' ? (JSON.parse(value) as O) : value;
}
