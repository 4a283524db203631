import { createHash } from 'node:crypto';
import { CompiledQuery, PostgresAdapter, type Compilable } from 'kysely';
import type { DbOrTrx } from './database.js';

/** Named statements a PostgreSQL connection may hold; each connection prepares these at most once. */
const MAX_PREPARED = 1_000;
const statementNames = new Map<string, string>();

/**
 * On PostgreSQL, planning a page of the users list (a join and two correlated subqueries) took as
 * long as running it; a named statement is parsed and planned once per connection and then reused.
 * Only the hot, fixed-shape queries the code marks are named, and at most MAX_PREPARED of them: a
 * query whose text varies with its values (an IN list) must not fill the server's memory, and a
 * search keeps its per-value plan.
 */
export function preparedStatementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

function markPrepared(sql: string): void {
  if (statementNames.has(sql) || statementNames.size >= MAX_PREPARED) return;
  statementNames.set(sql, `sofie_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
}

/** Runs a query whose SQL text takes few shapes (not an IN list of varying length) as a named, reused statement. */
export async function executePrepared<Row>(db: DbOrTrx, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  markPrepared(compiled.sql);
  return (await db.executeQuery(compiled)).rows;
}

/**
 * A query built and compiled once per SQL dialect, then run with new values: on the hot path (the
 * session lookup behind every request, a page of the users list) building the query tree and
 * compiling it cost more than SQLite took to answer. `build` receives a placeholder for each named
 * value; the placeholders are found in the compiled parameters and replaced on each call. The SQL
 * text is the same on every call, so the driver's statement cache prepares it once too.
 *
 * A value must reach the SQL as a bound parameter (a `where`, a `limit`): a placeholder that the
 * build function inspected or transformed would compile into something else, and is refused.
 */
export function preparedQuery<Names extends string, Row>(
  names: readonly Names[],
  build: (db: DbOrTrx, values: Record<Names, string>) => Compilable<Row>,
): (db: DbOrTrx, values: Record<Names, unknown>) => Promise<Row[]> {
  const run = preparedShapes<Names, null, Row>(
    names,
    () => '',
    (db, values) => build(db, values),
  );
  return (db, values) => run(db, null, values);
}

/** How many shapes of one query preparedShapes keeps compiled; the least recently used goes first. */
const MAX_SHAPES = 200;

/**
 * preparedQuery for a query whose SQL takes a few forms: `shape` holds what changes the SQL text
 * (which filters a page has, its order; `keyOf` names it), the values are bound anew on each call.
 * A value left undefined is not given to `build` (its placeholder is undefined), and the shape's key
 * includes which values are given, so a form with a filter and one without are compiled apart.
 */
export function preparedShapes<Names extends string, Shape, Row>(
  names: readonly Names[],
  keyOf: (shape: Shape) => string,
  build: (db: DbOrTrx, values: Record<Names, string>, shape: Shape) => Compilable<Row>,
): (db: DbOrTrx, shape: Shape, values: Partial<Record<Names, unknown>>) => Promise<Row[]> {
  const compiled = new Map<string, { query: CompiledQuery<Row>; slots: (Names | null)[] }>();
  const placeholderOf = (name: Names) => `\u0000${name}\u0000`;
  const byPlaceholder = new Map<unknown, Names>(names.map((name) => [placeholderOf(name), name]));

  const compile = (db: DbOrTrx, shape: Shape, values: Partial<Record<Names, unknown>>) => {
    const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
    const given = names.filter((name) => values[name] !== undefined);
    const key = `${dialect}|${keyOf(shape)}|${given.join(',')}`;
    let entry = compiled.get(key);
    if (entry) {
      compiled.delete(key);
    } else {
      const placeholders = Object.fromEntries(given.map((name) => [name, placeholderOf(name)])) as Record<Names, string>;
      const query = build(db, placeholders, shape).compile();
      const slots = query.parameters.map((value) => byPlaceholder.get(value) ?? null);
      const missing = given.filter((name) => !slots.includes(name));
      if (missing.length > 0) throw new Error(`preparedQuery: ${missing.join(', ')} did not reach the SQL as a bound parameter`);
      entry = { query, slots };
      if (compiled.size >= MAX_SHAPES) compiled.delete(compiled.keys().next().value!);
      markPrepared(query.sql);
    }
    compiled.set(key, entry);
    return entry;
  };

  return async (db, shape, values) => {
    const { query, slots } = compile(db, shape, values);
    const parameters = query.parameters.map((value, i) => (slots[i] === null ? value : values[slots[i]]));
    const result = await db.executeQuery<Row>({ ...query, parameters });
    return result.rows;
  };
}
