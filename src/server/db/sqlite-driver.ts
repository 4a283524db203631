import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { DatabaseBusyError } from './database-errors.js';

export interface SqliteConnections {
  /** Every write and every transaction runs here, one at a time. */
  writer: SQLite.Database;
  /** Reads outside transactions run here (WAL: they see the last commit and never wait for a writer). Null for :memory:. */
  reader: SQLite.Database | null;
  /** How long a write waits for the writer before answering "busy" (a 503 to the client). */
  writerWaitMs: number;
}

/** A long transaction hands the event loop back this often, so other requests are served meanwhile. */
const YIELD_EVERY_MS = 10;
const STATEMENT_CACHE_SIZE = 500;

/**
 * SQLite for a server: better-sqlite3 is synchronous, and Kysely's own driver funnels every query
 * through one connection, so a long transaction (a bulk change of thousands of users) blocked every
 * other request until it committed. Here writes and transactions share one writer connection, reads
 * outside a transaction go to a second connection that reads the WAL snapshot, and a transaction
 * yields to the event loop every few milliseconds so those reads are answered while it runs. The
 * transaction itself stays one transaction: all or nothing. Statements are prepared once per connection.
 */
export class SqliteReadWriteDialect implements Dialect {
  constructor(private readonly connections: SqliteConnections) {}
  createDriver(): Driver {
    return new SqliteReadWriteDriver(this.connections);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();
  constructor(private readonly db: SQLite.Database) {}

  run(query: CompiledQuery): QueryResult<unknown> {
    const statement = this.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  private prepare(sql: string): SQLite.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Most recently used last, so the oldest is evicted first.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, statement);
    return statement;
  }
}

/** First come, first served; a waiter that waits too long gives up with DatabaseBusyError. */
class WriterLock {
  private held = false;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly waitMs: number) {}

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new DatabaseBusyError(`waited ${this.waitMs} ms for the SQLite writer`));
      }, this.waitMs);
      this.waiters.push(grant);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}

class SqliteReadWriteDriver implements Driver {
  readonly writer: StatementCache;
  readonly reader: StatementCache | null;
  readonly lock: WriterLock;

  constructor(private readonly connections: SqliteConnections) {
    this.writer = new StatementCache(connections.writer);
    this.reader = connections.reader ? new StatementCache(connections.reader) : null;
    this.lock = new WriterLock(connections.writerWaitMs);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await (connection as RoutedConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).end('rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.connections.reader?.close();
    this.connections.writer.close();
  }
}

class RoutedConnection implements DatabaseConnection {
  private inTransaction = false;
  private lastYield = 0;

  constructor(private readonly driver: SqliteReadWriteDriver) {}

  async begin(): Promise<void> {
    await this.driver.lock.acquire();
    try {
      // IMMEDIATE takes the write lock now: another process on the same file waits here (busy_timeout)
      // instead of failing half-way through the transaction.
      this.driver.writer.run(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      this.driver.lock.release();
      throw error;
    }
    this.inTransaction = true;
    this.lastYield = performance.now();
  }

  async end(command: 'commit' | 'rollback'): Promise<void> {
    try {
      this.driver.writer.run(CompiledQuery.raw(command));
    } finally {
      this.inTransaction = false;
      this.driver.lock.release();
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction) {
      const result = this.driver.writer.run(query);
      await this.yieldIfLong();
      return result as QueryResult<R>;
    }
    if (this.driver.reader && SelectQueryNode.is(query.query)) return this.driver.reader.run(query) as QueryResult<R>;
    await this.driver.lock.acquire();
    try {
      return this.driver.writer.run(query) as QueryResult<R>;
    } finally {
      this.driver.lock.release();
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported by this SQLite driver');
  }

  private async yieldIfLong(): Promise<void> {
    const now = performance.now();
    if (now - this.lastYield < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
  }
}
