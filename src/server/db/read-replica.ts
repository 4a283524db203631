import {
  DeleteQueryNode,
  InsertQueryNode,
  MergeQueryNode,
  PostgresAdapter,
  PostgresQueryCompiler,
  UpdateQueryNode,
  type CompiledQuery,
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
import type pg from 'pg';
import { databaseOutage } from './database-errors.js';
import { PooledConnection, ResilientPostgresDialect, ResilientPostgresDriver } from './postgres-driver.js';

/** What the read handle asks before sending a read to the replica, and tells when the replica failed. */
export interface ReplicaHealth {
  /** The replica answered the last probe (at most two probe intervals ago) and was within the lag bound. */
  usable(): boolean;
  /** A read on the replica failed at the connection level: reads skip it until a probe reaches it again. */
  lost(error: unknown): void;
  /** The last measurement, for logs and tests. */
  status(): ReplicaStatus;
  /** Ends the probe loop; resolves once the probe in flight has finished. */
  stop(): Promise<void>;
}

export interface ReplicaStatus {
  state: 'starting' | 'up' | 'lagging' | 'down' | 'not-standby';
  /** How far behind the primary the replica was at the last probe (null before the first). */
  lagMs: number | null;
}

export interface ReplicaLog {
  warn(object: object, message: string): void;
  info(message: string): void;
}

export interface ReplicaMonitorOptions {
  primary: pg.Pool;
  replica: pg.Pool;
  maxLagMs: number;
  probeMs: number;
  log: ReplicaLog;
}

/** An LSN ("16/B374D848") as a number of bytes; BigInt because positions pass 2^53 on busy servers. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/**
 * How far behind the primary the replica is, in time: every probe notes the primary's WAL position
 * and when it was read, then asks the replica how far it has replayed. The lag is the age of the
 * oldest noted position the replica has not replayed yet, 0 when it has replayed the newest. Unlike
 * `now() - pg_last_xact_replay_timestamp()` this does not grow on an idle primary, and unlike
 * comparing received with replayed WAL it also counts WAL the replica has not received.
 */
export function lagTracker() {
  let pending: { at: number; lsn: bigint }[] = [];
  return {
    primaryAt(at: number, lsn: bigint) {
      pending.push({ at, lsn });
      // While the replica stays away: keep the oldest position (the lag is its age) and bound the rest.
      if (pending.length > 1_000) pending.splice(1, 1);
    },
    replayed(replayed: bigint, now: number): number {
      pending = pending.filter((sample) => sample.lsn > replayed);
      return pending.length === 0 ? 0 : now - pending[0].at;
    },
  };
}

/**
 * Probes the replica every `probeMs`: whether it answers, is a standby, and how far it lags. Reads go
 * to it only while the last probe is recent and found it within `maxLagMs`; a read that fails there
 * marks it down until the next probe reaches it.
 */
export function replicaMonitor(options: ReplicaMonitorOptions): ReplicaHealth {
  const lag = lagTracker();
  let status: ReplicaStatus = { state: 'starting', lagMs: null };
  let measuredAt = -Infinity;
  // A probe that started before a read failed must not mark the replica up again.
  let epoch = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  const become = (next: ReplicaStatus, detail: object = {}) => {
    if (next.state !== status.state) {
      if (next.state === 'up') options.log.info(`read replica ${status.state === 'starting' ? 'in use' : 'back in use'}`);
      else options.log.warn({ ...detail, lagMs: next.lagMs, maxLagMs: options.maxLagMs }, readsGoToPrimary[next.state]);
    }
    status = next;
  };

  const probe = async () => {
    const started = epoch;
    // Noted as of before the question: the lag may come out a little long, never short.
    const askedAt = performance.now();
    let primaryLsn: bigint;
    try {
      const { rows } = await options.primary.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn');
      primaryLsn = parseLsn(rows[0].lsn);
    } catch {
      return; // the primary cannot say where it is; the last measurement ages out
    }
    lag.primaryAt(askedAt, primaryLsn);
    try {
      const { rows } = await options.replica.query<{ standby: boolean; replayed: string | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed',
      );
      if (started !== epoch) return;
      const { standby, replayed } = rows[0];
      if (!standby || !replayed) return become({ state: 'not-standby', lagMs: null });
      const lagMs = Math.round(lag.replayed(parseLsn(replayed), performance.now()));
      measuredAt = performance.now();
      become({ state: lagMs <= options.maxLagMs ? 'up' : 'lagging', lagMs });
    } catch (error) {
      if (started === epoch) become({ state: 'down', lagMs: null }, { err: error });
    }
  };

  const tick = () => {
    if (stopped) return;
    running = probe()
      .catch((error: unknown) => options.log.warn({ err: error }, 'read replica probe failed'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, options.probeMs).unref();
      });
  };
  tick();

  return {
    usable: () => status.state === 'up' && performance.now() - measuredAt <= 2 * options.probeMs,
    lost(error) {
      epoch++;
      become({ state: 'down', lagMs: null }, { err: error });
    },
    status: () => ({ ...status }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

const readsGoToPrimary: Record<Exclude<ReplicaStatus['state'], 'up'>, string> = {
  starting: 'read replica not measured yet; reads go to the primary',
  lagging: 'read replica is further behind than DATABASE_READ_MAX_LAG_MS; reads go to the primary until it catches up',
  down: 'read replica unreachable; reads go to the primary until it answers again',
  'not-standby': 'DATABASE_READ_URL is not a standby (pg_is_in_recovery() is false); reads go to the primary',
};

const WRITES = [InsertQueryNode, UpdateQueryNode, DeleteQueryNode, MergeQueryNode];

/** A standby cancels a read whose rows replay is about to remove ("conflict with recovery"); the primary has no such conflict. */
function recoveryConflict(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '40001' && typeof e.message === 'string' && e.message.includes('conflict with recovery');
}

/**
 * The read handle: single reads go to the replica while it is usable, everything else to the primary
 * (transactions, writes). A read the replica fails at the connection level, or cancels for a
 * recovery conflict, runs again on the primary: a standby changes nothing, so nothing runs twice.
 */
class ReplicaReadConnection implements DatabaseConnection {
  readonly primary: PooledConnection;
  private readonly replica: PooledConnection;

  constructor(
    replicaPool: pg.Pool,
    primaryPool: pg.Pool,
    private readonly health: ReplicaHealth,
  ) {
    this.primary = new PooledConnection(primaryPool);
    this.replica = new PooledConnection(replicaPool);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.primary.inTransaction || !this.health.usable() || WRITES.some((node) => node.is(query.query))) {
      return this.primary.executeQuery<R>(query);
    }
    try {
      return await this.replica.executeQuery<R>(query);
    } catch (error) {
      if (databaseOutage(error) === 'DATABASE_UNAVAILABLE') this.health.lost(error);
      else if (!recoveryConflict(error)) throw error;
      return this.primary.executeQuery<R>(query);
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported by this PostgreSQL driver');
  }
}

class ReplicaReadDriver implements Driver {
  private readonly primaryDriver: ResilientPostgresDriver;

  constructor(
    private readonly replicaPool: pg.Pool,
    private readonly primaryPool: pg.Pool,
    private readonly health: ReplicaHealth,
  ) {
    this.primaryDriver = new ResilientPostgresDriver(primaryPool);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new ReplicaReadConnection(this.replicaPool, this.primaryPool, this.health);
  }

  // Transactions run on the primary's connection of the pair, like every transaction of the app.
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.primaryDriver.beginTransaction(primaryOf(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.primaryDriver.commitTransaction(primaryOf(connection));
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.primaryDriver.rollbackTransaction(primaryOf(connection));
  }
  savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return this.primaryDriver.savepoint(primaryOf(connection), name);
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return this.primaryDriver.rollbackToSavepoint(primaryOf(connection), name);
  }
  releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return this.primaryDriver.releaseSavepoint(primaryOf(connection), name);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.primaryDriver.releaseConnection(primaryOf(connection));
  }

  /** The primary's pool belongs to the primary's handle, which ends it. */
  async destroy(): Promise<void> {
    await this.replicaPool.end();
  }
}

function primaryOf(connection: DatabaseConnection): PooledConnection {
  return (connection as ReplicaReadConnection).primary;
}

/** Kysely's PostgreSQL dialect for the read handle: the replica's pool with the primary's beside it. */
export class ReplicaReadDialect implements Dialect {
  constructor(
    private readonly replicaPool: pg.Pool,
    private readonly primaryPool: pg.Pool,
    private readonly health: ReplicaHealth,
  ) {}
  createDriver(): Driver {
    return new ReplicaReadDriver(this.replicaPool, this.primaryPool, this.health);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new ResilientPostgresDialect(this.primaryPool).createIntrospector(db);
  }
}
