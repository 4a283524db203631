// Usage events as Sofie's services report them: each checked on its own, stored once, added to every rollup.
import { USAGE_EVENT_TYPES, type IngestRejection, type IngestUsageResult, type UsageEventType } from '../../../contracts/usage.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { RequestContext } from '../../platform/deps.js';
import { DAY_MS, monthStart, weekStart } from './usage.dates.js';
import { INGEST_REJECTIONS, type IngestRejectionCode } from './usage.errors.js';
import {
  addToOrgActive,
  addToOrgDaily,
  addToUserDaily,
  advanceUserTimestamps,
  findUsersForIngest,
  insertNewEvents,
  markActive,
  type ActiveMark,
  type DailyAdd,
} from './usage.repository.js';
import type { NewUsageEventRow } from './usage.table.js';
import { retentionDays } from './usage.retention.js';

const FUTURE_TOLERANCE_MS = 5 * 60_000;

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The event types the API accepts, for membership checks. */
export const TYPES = new Set<string>(USAGE_EVENT_TYPES);

interface Candidate {
  index: number;
  id: string;
  userId: string | null;
  email: string | null;
  type: UsageEventType;
  occurredAt: string;
  workspaceId: string | null;
  itemId: string | null;
  quantity: number;
}

function optionalRef(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > 100) return undefined;
  return value.trim() || null;
}

/** Checks one event on its own; returns the rejection code or the normalized event. */
function validateEvent(raw: unknown, index: number, now: number, oldest: number): Candidate | IngestRejectionCode {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'INVALID_EVENT';
  const e = raw as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id.trim().length === 0 || e.id.length > 100) return 'INVALID_ID';
  if (typeof e.type !== 'string' || !TYPES.has(e.type)) return 'UNKNOWN_TYPE';
  if (typeof e.occurredAt !== 'string' || !ISO_WITH_ZONE.test(e.occurredAt)) return 'INVALID_OCCURRED_AT';
  const time = Date.parse(e.occurredAt);
  if (Number.isNaN(time)) return 'INVALID_OCCURRED_AT';
  if (time > now + FUTURE_TOLERANCE_MS) return 'OCCURRED_AT_IN_FUTURE';
  if (time < oldest) return 'OUTSIDE_RETENTION';
  const userId =
    e.userId === undefined || e.userId === null ? null : typeof e.userId === 'string' && e.userId.length <= 64 ? e.userId.trim() || null : undefined;
  const email =
    e.email === undefined || e.email === null ? null : typeof e.email === 'string' && e.email.length <= 320 ? e.email.trim().toLowerCase() || null : undefined;
  if (userId === undefined || email === undefined) return 'USER_NOT_FOUND';
  if (!userId && !email) return 'USER_REQUIRED';
  const workspaceId = optionalRef(e.workspaceId);
  const itemId = optionalRef(e.itemId);
  if (workspaceId === undefined || itemId === undefined) return 'INVALID_FIELD';
  let quantity = 1;
  if (e.quantity !== undefined && e.quantity !== null) {
    if (typeof e.quantity !== 'number' || !Number.isInteger(e.quantity) || e.quantity < 0 || e.quantity > 1_000_000_000) return 'INVALID_QUANTITY';
    quantity = e.quantity;
  }
  return { index, id: e.id.trim(), userId, email, type: e.type as UsageEventType, occurredAt: new Date(time).toISOString(), workspaceId, itemId, quantity };
}

function reject(index: number, raw: unknown, code: IngestRejectionCode): IngestRejection {
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id.slice(0, 100) : null;
  return { index, id, code, message: INGEST_REJECTIONS[code] };
}

/**
 * Stores a batch of usage events for the calling service's organization. Each event is checked on
 * its own: invalid ones are rejected with their reason, the valid ones are kept. Events already
 * stored (same id in the organization) are counted as duplicates and change nothing. Raw events,
 * every rollup and users.last_active_at change in one transaction.
 */
export async function ingestUsageEvents(ctx: RequestContext, events: unknown[]): Promise<IngestUsageResult> {
  const { db } = ctx.deps;
  const organizationId = ctx.organizationId;
  const now = ctx.deps.clock();
  const receivedAt = now.toISOString();
  const retention = await retentionDays(db, organizationId);
  const oldestAllowed = now.getTime() - retention * DAY_MS;

  const rejected: IngestRejection[] = [];
  const candidates: Candidate[] = [];
  events.forEach((raw, index) => {
    const result = validateEvent(raw, index, now.getTime(), oldestAllowed);
    if (typeof result === 'string') rejected.push(reject(index, raw, result));
    else candidates.push(result);
  });

  // Resolve users within this organization only: another organization's users are "not found".
  const ids = [...new Set(candidates.flatMap((c) => (c.userId ? [c.userId] : [])))];
  const emails = [...new Set(candidates.flatMap((c) => (c.email ? [c.email] : [])))];
  const users = await findUsersForIngest(db, organizationId, ids, emails);
  const byId = new Map(users.map((u) => [u.id, u]));
  const byEmail = new Map(users.map((u) => [u.email_normalized, u]));

  const rows: Omit<NewUsageEventRow, 'organization_id' | 'received_at'>[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const c of candidates) {
    const user = c.userId ? byId.get(c.userId) : byEmail.get(c.email!);
    if (!user) {
      rejected.push(reject(c.index, events[c.index], 'USER_NOT_FOUND'));
      continue;
    }
    if (c.userId && c.email && user.email_normalized !== c.email) {
      rejected.push(reject(c.index, events[c.index], 'USER_MISMATCH'));
      continue;
    }
    if (user.status === 'deleted') {
      rejected.push(reject(c.index, events[c.index], 'USER_DELETED'));
      continue;
    }
    if (seen.has(c.id)) {
      duplicates++;
      continue;
    }
    seen.add(c.id);
    rows.push({
      id: c.id,
      user_id: user.id,
      type: c.type,
      occurred_at: c.occurredAt,
      workspace_id: c.workspaceId,
      item_id: c.itemId,
      quantity: c.quantity,
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  if (rows.length === 0) return { accepted: 0, duplicates, rejected };

  const accepted = await db.transaction().execute(async (trx) => {
    const inserted = await insertNewEvents(trx, ctx.deps.dialect, organizationId, receivedAt, rows);
    const fresh = rows.filter((r) => inserted.has(r.id));
    if (fresh.length > 0) await applyRollups(trx, ctx.deps.dialect, organizationId, fresh);
    return fresh.length;
  });
  return { accepted, duplicates: duplicates + rows.length - accepted, rejected };
}

/** Adds newly stored events to every rollup (same transaction as the insert). Keys are sorted so concurrent batches lock in one order. */
async function applyRollups(
  trx: DbOrTrx,
  dialect: Dialect,
  organizationId: string,
  fresh: Omit<NewUsageEventRow, 'organization_id' | 'received_at'>[],
): Promise<void> {
  const daily = new Map<string, DailyAdd>();
  const orgDaily = new Map<string, Omit<DailyAdd, 'user_id'>>();
  const dayMarks = new Map<string, ActiveMark>();
  const newest = new Map<string, string>();
  const newestSignIn = new Map<string, string>();
  for (const e of fresh) {
    const day = e.occurred_at.slice(0, 10);
    const quantity = Number(e.quantity ?? 1);
    const dk = `${e.user_id}|${day}|${e.type}`;
    const d = daily.get(dk) ?? { user_id: e.user_id, day, type: e.type, events: 0, quantity: 0 };
    d.events++;
    d.quantity += quantity;
    daily.set(dk, d);
    const ok = `${day}|${e.type}`;
    const o = orgDaily.get(ok) ?? { day, type: e.type, events: 0, quantity: 0 };
    o.events++;
    o.quantity += quantity;
    orgDaily.set(ok, o);
    dayMarks.set(`${day}|${e.user_id}`, { period: 'day', period_start: day, user_id: e.user_id });
    const prev = newest.get(e.user_id);
    if (!prev || prev < e.occurred_at) newest.set(e.user_id, e.occurred_at);
    // A sign-in another Sofie service saw is a sign-in: the user page's "Last sign-in" must not be older than it.
    const prevSignIn = newestSignIn.get(e.user_id);
    if (e.type === 'sign_in' && (!prevSignIn || prevSignIn < e.occurred_at)) newestSignIn.set(e.user_id, e.occurred_at);
  }
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  await addToUserDaily(trx, dialect, organizationId, sorted(daily));
  await addToOrgDaily(trx, organizationId, sorted(orgDaily));
  // A user already active that day is already active that week and month, so only the days that are
  // new for the user can make week or month marks new: most events touch one small insert.
  const counts = new Map<string, { period: ActiveMark['period']; period_start: string; active_users: number }>();
  const count = (m: ActiveMark) => {
    const k = `${m.period}|${m.period_start}`;
    const c = counts.get(k) ?? { period: m.period, period_start: m.period_start, active_users: 0 };
    c.active_users++;
    counts.set(k, c);
  };
  const newDays = await markActive(trx, dialect, organizationId, sorted(dayMarks));
  newDays.forEach(count);
  const longer = new Map<string, ActiveMark>();
  for (const d of newDays) {
    for (const [period, start] of [
      ['week', weekStart(d.period_start)],
      ['month', monthStart(d.period_start)],
    ] as const) {
      longer.set(`${period}|${start}|${d.user_id}`, { period, period_start: start, user_id: d.user_id });
    }
  }
  if (longer.size > 0) (await markActive(trx, dialect, organizationId, sorted(longer))).forEach(count);
  if (counts.size > 0) await addToOrgActive(trx, organizationId, sorted(counts));
  const byUser = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, at]) => ({ id, at }));
  await advanceUserTimestamps(trx, dialect, organizationId, 'last_active_at', byUser(newest));
  await advanceUserTimestamps(trx, dialect, organizationId, 'last_sign_in_at', byUser(newestSignIn));
}
