import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SelectQueryNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
  sql,
  type ColumnMetadata,
  type DatabaseMetadata,
  type TableMetadata,
} from 'kysely';
import type pg from 'pg';
import { databaseOutage } from './database-errors.js';
import { preparedStatementName } from './prepared.js';

/**
 * PostgreSQL through a pg pool, like Kysely's own dialect, with one difference that matters during a
 * restart or failover: a pooled connection can be dead before the pool has noticed (the server ended
 * it while it sat idle). A read outside a transaction, or the BEGIN of a transaction, that fails that
 * way has changed nothing, so it is retried on another connection instead of failing the request.
 * After a failover every idle connection in the pool may be dead, and the pool may hand out the next
 * dead one before it has noticed; each one that fails is destroyed, so at most `max` attempts meet a
 * dead connection and the one after gets a new one. Writes and statements inside a transaction are
 * never retried.
 */
export class ResilientPostgresDialect implements Dialect {
  constructor(private readonly pool: pg.Pool) {}
  createDriver(): Driver {
    return new ResilientPostgresDriver(this.pool);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SearchPathIntrospector(db);
  }
}

/**
 * Kysely's introspector reads every column of every table in every schema of the database; the
 * migrator calls it to see whether its own tables exist. In a database that holds many schemas (a
 * test run gives each test file one) that took seconds per start. This one reads the schemas on the
 * search path only, which is all the app ever uses.
 */
class SearchPathIntrospector implements DatabaseIntrospector {
  private readonly everything: PostgresIntrospector;
  constructor(private readonly db: Kysely<any>) {
    this.everything = new PostgresIntrospector(db);
  }

  getSchemas() {
    return this.everything.getSchemas();
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      schema: string;
      table: string;
      kind: string;
      column: string;
      type: string;
      type_schema: string;
      not_null: boolean;
      has_default: boolean;
      serial: string | null;
    }>`
      SELECT ns.nspname AS schema, c.relname AS table, c.relkind AS kind, a.attname AS column, typ.typname AS type,
             tns.nspname AS type_schema, a.attnotnull AS not_null, a.atthasdef AS has_default,
             pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname) AS serial
        FROM pg_catalog.pg_attribute a
        JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
        JOIN pg_catalog.pg_type typ ON typ.oid = a.atttypid
        JOIN pg_catalog.pg_namespace tns ON tns.oid = typ.typnamespace
       WHERE c.relkind IN ('r', 'v', 'p') AND ns.nspname = ANY (current_schemas(false))
         AND a.attnum >= 0 AND NOT a.attisdropped
       ORDER BY ns.nspname, c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, TableMetadata & { columns: ColumnMetadata[] }>();
    for (const row of rows) {
      const key = `${row.schema}.${row.table}`;
      let table = tables.get(key);
      if (!table) {
        table = { name: row.table, schema: row.schema, isView: row.kind === 'v', columns: [] };
        tables.set(key, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: !row.not_null,
        hasDefaultValue: row.has_default,
        isAutoIncrementing: row.serial !== null,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

function connectionLost(error: unknown): boolean {
  return databaseOutage(error) === 'DATABASE_UNAVAILABLE';
}

async function run(client: pg.PoolClient, query: CompiledQuery): Promise<QueryResult<any>> {
  const name = preparedStatementName(query.sql);
  const values = [...query.parameters];
  const { command, rowCount, rows } = await (name ? client.query({ name, text: query.sql, values }) : client.query(query.sql, values));
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command }] };
  const counted = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return { numAffectedRows: counted ? BigInt(rowCount ?? 0) : undefined, rows: rows ?? [] };
}

export class ResilientPostgresDriver implements Driver {
  constructor(private readonly pool: pg.Pool) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PooledConnection(this.pool);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = ['start transaction', settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '', settings.accessMode ?? ''].join(' ').trim();
    }
    await (connection as PooledConnection).begin(CompiledQuery.raw(sql));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command: string }>(CompiledQuery.raw('commit'));
    (connection as PooledConnection).endTransaction();
    // PostgreSQL completes COMMIT with a ROLLBACK tag when an earlier statement aborted the transaction.
    if (rows[0]?.command === 'ROLLBACK') throw new Error('the transaction was aborted and rolled back');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const pooled = connection as PooledConnection;
    try {
      await pooled.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      pooled.discard();
      throw error;
    } finally {
      pooled.endTransaction();
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PooledConnection).release();
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Holds a pool client only for a transaction; single statements borrow one per statement. A client
 * that failed at the connection level is destroyed on release instead of going back to the pool.
 */
export class PooledConnection implements DatabaseConnection {
  private client: pg.PoolClient | null = null;
  private broken = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Every pooled connection may be dead; one attempt more than the pool holds reaches a new one. */
  private get attempts(): number {
    return (this.pool.options.max ?? 10) + 1;
  }

  async begin(query: CompiledQuery): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.client = await this.pool.connect();
      try {
        await run(this.client, query);
        return;
      } catch (error) {
        this.broken = connectionLost(error);
        this.release();
        if (!this.broken || attempt >= this.attempts) throw error;
      }
    }
  }

  /** Holds a client: a transaction is open on it. */
  get inTransaction(): boolean {
    return this.client !== null;
  }

  endTransaction(): void {
    this.release();
  }

  discard(): void {
    this.broken = true;
  }

  release(): void {
    if (!this.client) return;
    const client = this.client;
    this.client = null;
    client.release(this.broken || undefined);
    this.broken = false;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.client) {
      try {
        return await run(this.client, query);
      } catch (error) {
        if (connectionLost(error)) this.broken = true;
        throw error;
      }
    }
    const retryable = SelectQueryNode.is(query.query);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let lost = false;
      try {
        return await run(client, query);
      } catch (error) {
        lost = connectionLost(error);
        if (!lost || !retryable || attempt >= this.attempts) throw error;
      } finally {
        client.release(lost || undefined);
      }
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported by this PostgreSQL driver');
  }
}
