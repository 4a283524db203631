import type { FastifyBaseLogger } from 'fastify';
import type { ExpressionBuilder, Kysely, Updateable } from 'kysely';
import type { Database } from '../db/database.js';
import { nowIso, type Deps } from './deps.js';

/**
 * How long a claim holds a row. Every send is bounded well below it (a webhook request: 10 s; an SMTP
 * send: 60 s), so only a claimant that died loses its lease; its row is then claimable again.
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/** Tables whose rows are claimed with this lease: the outboxes, and bulk jobs (one chunk-run per claim). */
export type OutboxTable = 'mail_outbox' | 'webhook_outbox' | 'log_stream_outbox' | 'bulk_jobs';

/** The columns every outbox has; the lease is (status 'sending', claimed_at). */
interface LeasedRow {
  id: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
}
type OutboxTables = Record<OutboxTable, LeasedRow>;
type OutboxDb = Kysely<OutboxTables>;

/** A row this process holds: `claimedAt` is the fencing value every write of the result checks. */
export interface Lease {
  id: string;
  claimedAt: string;
  /** Including this one. */
  attempts: number;
}

export type SendOutcome<Columns> =
  | { ok: true; status: string; columns?: Columns }
  /** `final`: retrying cannot help (endpoint disabled, address refused). */
  | { ok: false; error: string; final?: boolean; columns?: Columns };

export interface Outbox<T extends OutboxTable> {
  table: T;
  maxAttempts: number;
  backoffMs(attempts: number): number;
  /** Sends one claimed row and says how it went; a throw counts as a failed attempt. */
  send(lease: Lease): Promise<SendOutcome<Updateable<Database[T]>>>;
  /** Columns written with the error when the row is given up after attempts that were all interrupted. */
  gaveUpColumns?: (maxAttempts: number) => Updateable<Database[T]>;
}

/**
 * Delivers what is due, oldest first: pending rows whose time has come, and rows whose claimant died
 * (still 'sending' after the lease). Each row is claimed with a compare-and-set, so several processes
 * can run this side by side; a result is written only while this process still holds the claim.
 * Returns how many rows were delivered.
 */
export async function deliverDue<T extends OutboxTable>(deps: Deps, logger: FastifyBaseLogger, outbox: Outbox<T>, batch = 20): Promise<number> {
  const db = deps.db as unknown as OutboxDb;
  const table: OutboxTable = outbox.table;
  const due = await db
    .selectFrom(table)
    .select('id')
    .where((eb) => claimable(eb, deps))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(batch)
    .execute();
  let delivered = 0;
  for (const { id } of due) {
    const lease = await claim(db, deps, table, id);
    if (!lease) continue;
    let outcome: SendOutcome<Updateable<Database[T]>>;
    if (lease.attempts > outbox.maxAttempts) {
      const error = `gave up after ${outbox.maxAttempts} attempts (the last one was interrupted)`;
      outcome = { ok: false, final: true, error, columns: outbox.gaveUpColumns?.(outbox.maxAttempts) };
    } else {
      try {
        outcome = await outbox.send(lease);
      } catch (error) {
        outcome = { ok: false, error: (error as Error).message };
      }
    }
    const kept = await settle(db, deps, outbox, lease, outcome);
    if (!kept) {
      logger.warn({ outbox: outbox.table, id, attempts: lease.attempts }, 'outbox lease lost (the send outlived it); the newer claimant’s result stands');
      continue;
    }
    if (outcome.ok) {
      delivered++;
      continue;
    }
    const failed = outcome.final || lease.attempts >= outbox.maxAttempts;
    logger.warn(
      { outbox: outbox.table, id, attempts: lease.attempts, err: outcome.error },
      failed ? 'delivery failed for good' : 'delivery failed; will retry',
    );
  }
  return delivered;
}

function claimable(eb: ExpressionBuilder<OutboxTables, OutboxTable>, deps: Deps) {
  const now = nowIso(deps);
  const expiredBefore = new Date(deps.clock().getTime() - OUTBOX_LEASE_MS).toISOString();
  return eb.or([
    eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', expiredBefore)]),
  ]);
}

/** Takes the row if it is still claimable; null when another process got there first. */
async function claim(db: OutboxDb, deps: Deps, table: OutboxTable, id: string): Promise<Lease | null> {
  const claimedAt = nowIso(deps);
  const row = await db
    .updateTable(table)
    .set((eb) => ({ status: 'sending', claimed_at: claimedAt, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => claimable(eb, deps))
    .returning('attempts')
    .executeTakeFirst();
  return row ? { id, claimedAt, attempts: row.attempts } : null;
}

/** Writes the outcome if the lease is still ours; false when another process has taken the row over. */
async function settle<T extends OutboxTable>(
  db: OutboxDb,
  deps: Deps,
  outbox: Outbox<T>,
  lease: Lease,
  outcome: SendOutcome<Updateable<Database[T]>>,
): Promise<boolean> {
  const failedForGood = !outcome.ok && (outcome.final || lease.attempts >= outbox.maxAttempts);
  const values = outcome.ok
    ? { status: outcome.status, last_error: null }
    : {
        status: failedForGood ? 'failed' : 'pending',
        last_error: outcome.error.slice(0, 500),
        next_attempt_at: new Date(deps.clock().getTime() + outbox.backoffMs(lease.attempts)).toISOString(),
      };
  const table: OutboxTable = outbox.table;
  const result = await db
    .updateTable(table)
    .set({ ...(outcome.columns as Partial<LeasedRow>), ...values, claimed_at: null })
    .where('id', '=', lease.id)
    .where('status', '=', 'sending')
    .where('claimed_at', '=', lease.claimedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
