import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { openDatabase, type OpenOptions } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Deps } from './platform/deps.js';
import { uuidv7 } from './platform/ids.js';
import { smtpTransport } from './platform/mail/mail-transport.js';

export interface OpenedDeps {
  deps: Deps;
  close(): Promise<void>;
}

/** Opens the database (migrated), SMTP and Redis as the configuration says. */
export async function openDeps(config: Config, options: OpenOptions & { clock?: () => Date } = {}): Promise<OpenedDeps> {
  const opened = await openDatabase(config.databaseUrl, options);
  await migrateToLatest(opened.db, opened.dialect === 'postgres' ? options.schema : undefined);
  const mailTransport = config.smtpUrl ? smtpTransport(config.smtpUrl) : null;
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  const deps: Deps = {
    config,
    db: opened.db,
    dialect: opened.dialect,
    clock: options.clock ?? (() => new Date()),
    newId: () => uuidv7(),
    mailTransport,
    redis,
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
