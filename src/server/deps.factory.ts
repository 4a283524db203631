import { Redis } from 'ioredis';
import { pino } from 'pino';
import { REPLICA_PROBE_MS, type Config } from './config.js';
import { openDatabase, type OpenOptions } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { raiseSecurityAlerts } from './features/alerts/index.js';
import { streamAuditEvents } from './features/log-streaming/index.js';
import type { Deps } from './platform/deps.js';
import { uuidv7 } from './platform/ids.js';
import { smtpTransport } from './platform/mail/mail-transport.js';

export interface OpenedDeps {
  deps: Deps;
  close(): Promise<void>;
}

export type OpenDepsOptions = Pick<OpenOptions, 'schema' | 'log'> & {
  clock?: () => Date;
  /** The database is known to be at the latest migration (tests hand in a copy of a migrated template). */
  migrated?: true;
  /** How often the read replica is probed (tests: rarely, so that only a failing read can notice it has gone). */
  replicaProbeMs?: number;
};

/** Opens the database (migrated), SMTP and Redis as the configuration says. */
export async function openDeps(config: Config, options: OpenDepsOptions = {}): Promise<OpenedDeps> {
  const logger = pino({ level: config.logLevel });
  const opened = await openDatabase(config.databaseUrl, {
    schema: options.schema,
    log: options.log,
    limits: {
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      lockTimeoutMs: config.databaseLockTimeoutMs,
      acquireTimeoutMs: config.databaseAcquireTimeoutMs,
      poolSize: config.databasePoolSize,
    },
    onConnectionError: (error) => logger.warn({ err: error }, 'a database connection failed; it is replaced on next use'),
    replica: config.databaseReadUrl
      ? { url: config.databaseReadUrl, maxLagMs: config.databaseReadMaxLagMs, probeMs: options.replicaProbeMs ?? REPLICA_PROBE_MS, log: logger }
      : undefined,
  });
  if (config.databaseReadUrl && config.workers > 1 && !config.redisUrl) {
    logger.warn('DATABASE_READ_URL with WORKERS > 1 and no REDIS_URL: read-your-writes holds only within each server process');
  }
  if (!options.migrated) await migrateToLatest(opened.db, opened.dialect === 'postgres' ? options.schema : undefined);
  const mailTransport = config.smtpUrl ? smtpTransport(config.smtpUrl) : null;
  const redis = config.redisUrl ? openRedis(config.redisUrl, logger) : null;
  const deps: Deps = {
    config,
    db: opened.db,
    readDb: opened.readDb,
    replica: opened.replica,
    dialect: opened.dialect,
    clock: options.clock ?? (() => new Date()),
    newId: () => uuidv7(),
    mailTransport,
    redis,
    logger,
    auditObservers: [raiseSecurityAlerts, streamAuditEvents],
  };
  return {
    deps,
    async close() {
      mailTransport?.close();
      redis?.disconnect();
      await opened.close();
    },
  };
}

/**
 * Redis is optional for correctness (rate limits fall back to this process's own counters while it is
 * away, see platform/rate-limit-store.ts), so commands fail fast instead of queueing while it is down,
 * and reconnection goes on in the background.
 */
function openRedis(url: string, logger: Deps['logger']): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  redis.on('error', (error) => {
    if (!down) logger.warn({ err: error }, 'Redis is unreachable; reconnecting in the background');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('Redis is back');
    down = false;
  });
  return redis;
}
