import type { DbOrTrx } from '../../db/database.js';
import type { WrittenAuditEvent } from '../../platform/deps.js';

/** Failed sign-ins within one window that raise an alert; the alert is raised once per key and window. */
export const FAILED_SIGN_IN_THRESHOLD = 10;
export const FAILED_SIGN_IN_WINDOW_MS = 15 * 60_000;

function windowStart(at: string): string {
  const ms = Date.parse(at);
  return new Date(ms - (ms % FAILED_SIGN_IN_WINDOW_MS)).toISOString();
}

/** Counts one failed sign-in for `key` in its window; true when this one reaches the threshold. */
export async function noteFailedSignIn(trx: DbOrTrx, event: WrittenAuditEvent, key: string): Promise<boolean> {
  const row = await trx
    .insertInto('alert_counters')
    .values({ organization_id: event.organization_id, rule: 'failed_sign_ins', key, window_start: windowStart(event.created_at), count: 1 })
    .onConflict((oc) => oc.columns(['organization_id', 'rule', 'key', 'window_start']).doUpdateSet((eb) => ({ count: eb('alert_counters.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count) === FAILED_SIGN_IN_THRESHOLD;
}

/**
 * Records that the user signed in from this device or network; true when it is new for someone who
 * had signed in before (a first sign-in ever is not an anomaly).
 */
export async function noteSignInOrigin(trx: DbOrTrx, event: WrittenAuditEvent, kind: 'device' | 'network', value: string): Promise<boolean> {
  const userId = event.subject_id!;
  const known = await trx
    .selectFrom('sign_in_origins')
    .select('value')
    .where('organization_id', '=', event.organization_id)
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .limit(2)
    .execute();
  if (known.some((k) => k.value === value)) return false;
  await trx
    .insertInto('sign_in_origins')
    .values({ organization_id: event.organization_id, user_id: userId, kind, value, first_seen_at: event.created_at })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return known.length > 0;
}

/** Counters whose window ended a day ago are of no further use. */
export async function pruneAlertCounters(db: DbOrTrx, now: Date): Promise<void> {
  await db
    .deleteFrom('alert_counters')
    .where('window_start', '<', new Date(now.getTime() - 24 * 3600_000).toISOString())
    .execute();
}
