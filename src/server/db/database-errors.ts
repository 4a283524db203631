/** Thrown when a query could not get the database in time (a held lock, a full pool, the SQLite writer busy). */
export class DatabaseBusyError extends Error {
  readonly code = 'DATABASE_BUSY';
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseBusyError';
  }
}

export type DatabaseOutage = 'DATABASE_UNAVAILABLE' | 'DATABASE_BUSY';

// PostgreSQL SQLSTATEs: connection exceptions (08…), operator intervention (57P0x: terminated,
// crash, restarting), too many connections, and the two timeouts we set (statement, lock).
const PG_UNAVAILABLE = new Set(['08000', '08001', '08003', '08004', '08006', '08P01', '57P01', '57P02', '57P03', '53300', '53400']);
const PG_BUSY = new Set(['57014', '55P03', '40001', '40P01', '25P03']);
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/;
const SQLITE_UNAVAILABLE = /^SQLITE_(IOERR|CANTOPEN|FULL|NOMEM|READONLY)/;
// node-postgres reports a lost connection or a pool that gave up waiting with plain Errors.
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Client was closed/,
  /^Cannot use a pool after calling end/,
  /^Query read timeout/,
];

/**
 * Whether an error means "the database cannot serve right now" rather than "this request is wrong":
 * such failures become a 503 with Retry-After, and the process keeps running.
 */
export function databaseOutage(error: unknown): DatabaseOutage | null {
  if (error instanceof DatabaseBusyError) return 'DATABASE_BUSY';
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (PG_BUSY.has(code) || SQLITE_BUSY.test(code)) return 'DATABASE_BUSY';
  if (PG_UNAVAILABLE.has(code) || NODE_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return 'DATABASE_UNAVAILABLE';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return 'DATABASE_UNAVAILABLE';
  return null;
}
