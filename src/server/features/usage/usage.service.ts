import {
  USAGE_EVENT_LABELS,
  USAGE_EVENT_TYPES,
  USAGE_RETENTION_DEFAULT_DAYS,
  type ActiveCount,
  type ActivityFeed,
  type ActivityItem,
  type IngestRejection,
  type IngestUsageResult,
  type InactiveUserList,
  type UsageEventType,
  type UsageOverview,
  type UsageTrend,
  type UsageTrendPoint,
  type UserUsageSummary,
} from '../../../contracts/usage.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { auditRowToEvent } from '../audit/audit.service.js';
import { requireUser } from '../users/users.service.js';
import { addDays, addMonths, DAY_MS, dayOf, daysBetween, monthStart, weekStart } from './usage.dates.js';
import { INGEST_REJECTIONS, USAGE_ERRORS, type IngestRejectionCode } from './usage.errors.js';
import {
  addToOrgActive,
  addToOrgDaily,
  addToUserDaily,
  advanceUserTimestamps,
  countActiveAccounts,
  countInactive,
  deleteExpiredEvents,
  deleteExpiredRollups,
  findUsersForIngest,
  inactivePage,
  insertNewEvents,
  markActive,
  orgActiveRows,
  organizationsWithRetention,
  orgTypeTotals,
  retentionDaysOf,
  saveRetentionDays,
  usageByUsers,
  userAuditPage,
  userDailyRows,
  userEventsPage,
  type ActiveMark,
  type DailyAdd,
  type FeedCursor,
} from './usage.repository.js';
import type { NewUsageEventRow } from './usage.table.js';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Rollups outlive raw events (they are small): trends stay available after raw events are purged. */
export const ROLLUP_RETENTION_DAYS = 400;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const TYPES = new Set<string>(USAGE_EVENT_TYPES);

export async function retentionDays(db: DbOrTrx, organizationId: string): Promise<number> {
  return (await retentionDaysOf(db, organizationId)) ?? USAGE_RETENTION_DEFAULT_DAYS;
}

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
  const userId = e.userId === undefined || e.userId === null ? null : typeof e.userId === 'string' && e.userId.length <= 64 ? e.userId.trim() || null : undefined;
  const email = e.email === undefined || e.email === null ? null : typeof e.email === 'string' && e.email.length <= 320 ? e.email.trim().toLowerCase() || null : undefined;
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
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? ((raw as { id: string }).id.slice(0, 100)) : null;
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
async function applyRollups(trx: DbOrTrx, dialect: Dialect, organizationId: string, fresh: Omit<NewUsageEventRow, 'organization_id' | 'received_at'>[]): Promise<void> {
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
    for (const [period, start] of [['week', weekStart(d.period_start)], ['month', monthStart(d.period_start)]] as const) {
      longer.set(`${period}|${start}|${d.user_id}`, { period, period_start: start, user_id: d.user_id });
    }
  }
  if (longer.size > 0) (await markActive(trx, dialect, organizationId, sorted(longer))).forEach(count);
  if (counts.size > 0) await addToOrgActive(trx, organizationId, sorted(counts));
  const byUser = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, at]) => ({ id, at }));
  await advanceUserTimestamps(trx, dialect, organizationId, 'last_active_at', byUser(newest));
  await advanceUserTimestamps(trx, dialect, organizationId, 'last_sign_in_at', byUser(newestSignIn));
}

// ---------- User detail: trend and activity feed ----------

export async function getUserUsageTrend(ctx: RequestContext, userId: string, days: 30 | 90): Promise<UsageTrend> {
  const { db } = ctx.deps;
  await requireUser(db, ctx.organizationId, userId);
  const to = dayOf(ctx.deps.clock());
  const from = addDays(to, -(days - 1));
  const rows = await userDailyRows(db, ctx.organizationId, userId, from, to);
  const zero = Object.fromEntries(USAGE_EVENT_TYPES.map((t) => [t, 0])) as Record<UsageEventType, number>;
  const byDay = new Map<string, UsageTrendPoint>(daysBetween(from, to).map((day) => [day, { day, ...zero }]));
  const totals = new Map<string, { events: number; quantity: number }>();
  for (const r of rows) {
    const point = byDay.get(r.day);
    if (!point || !TYPES.has(r.type)) continue;
    point[r.type as UsageEventType] += Number(r.events);
    const t = totals.get(r.type) ?? { events: 0, quantity: 0 };
    t.events += Number(r.events);
    t.quantity += Number(r.quantity);
    totals.set(r.type, t);
  }
  const totalEvents = [...totals.values()].reduce((s, t) => s + t.events, 0);
  return {
    days,
    from,
    to,
    hasData: totalEvents > 0,
    totalEvents,
    totals: USAGE_EVENT_TYPES.map((type) => ({ type, label: USAGE_EVENT_LABELS[type], events: totals.get(type)?.events ?? 0, quantity: totals.get(type)?.quantity ?? 0 })),
    series: [...byDay.values()],
  };
}

const USAGE_ITEM_LABELS: Record<UsageEventType, string> = {
  chat_message: 'Sent a chat message',
  artifact_created: 'Created an artifact',
  artifact_edited: 'Edited an artifact',
  orchestration_run: 'Ran an Orchestration',
  sequence_run: 'A Sequence ran',
  sign_in: 'Signed in',
  workspace_visit: 'Visited a Workspace',
};

const AUDIT_LABELS: Record<string, string> = {
  'auth.signed_in': 'Signed in to the console',
  'user.role_changed': 'Role changed',
  'user.groups_changed': 'Groups changed',
  'user.signed_out_everywhere': 'Signed out everywhere',
  'user.deactivated': 'Account deactivated',
  'user.reactivated': 'Account reactivated',
  'invitation.sent': 'Invitation sent',
  'invitation.resent': 'Invitation resent',
  'invitation.renewed': 'Invitation renewed',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'group.member_added': 'Added to a group',
  'group.member_removed': 'Removed from a group',
};

function auditLabel(action: string, after: unknown): string {
  const base = AUDIT_LABELS[action] ?? action.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  const a = after as Record<string, unknown> | null;
  if (action === 'user.role_changed' && a && typeof a.role === 'object' && a.role && 'name' in a.role) return `${base} to ${String((a.role as { name: unknown }).name)}`;
  if ((action === 'group.member_added' || action === 'group.member_removed') && a && typeof a.group === 'string') return `${base}: ${a.group}`;
  return base;
}

function encodeFeedCursor(c: FeedCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.kind, c.id])).toString('base64url');
}

function decodeFeedCursor(cursor: string): FeedCursor {
  try {
    const [at, kind, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && (kind === 'usage' || kind === 'audit') && typeof id === 'string') return { at, kind, id };
  } catch {
    // fall through
  }
  throw fail(USAGE_ERRORS, 'INVALID_CURSOR');
}

/** Feed order: time descending; at the same instant usage before audit; then id descending. */
function newerFirst(a: ActivityItem, b: ActivityItem): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
  if (a.kind !== b.kind) return a.kind === 'usage' ? -1 : 1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Usage events and audit events about the user, merged newest first, keyset-paginated. */
export async function getUserActivity(ctx: RequestContext, userId: string, query: { limit?: number; cursor?: string }): Promise<ActivityFeed> {
  const { db } = ctx.deps;
  await requireUser(db, ctx.organizationId, userId);
  const limit = query.limit ?? 30;
  const after = query.cursor ? decodeFeedCursor(query.cursor) : null;
  const [usage, audit] = await Promise.all([
    userEventsPage(db, ctx.organizationId, userId, after, limit + 1),
    userAuditPage(db, ctx.organizationId, userId, after, limit + 1),
  ]);
  const items: ActivityItem[] = [
    ...usage.map((e) => ({
      kind: 'usage' as const,
      id: e.id,
      occurredAt: e.occurred_at,
      type: e.type,
      label: USAGE_ITEM_LABELS[e.type as UsageEventType] ?? e.type,
      workspaceId: e.workspace_id,
      itemId: e.item_id,
      quantity: Number(e.quantity),
      actor: null,
      reason: null,
    })),
    ...audit.map((row) => {
      const event = auditRowToEvent(row);
      return {
        kind: 'audit' as const,
        id: event.id,
        occurredAt: event.createdAt,
        type: event.action,
        label: auditLabel(event.action, event.after),
        workspaceId: null,
        itemId: null,
        quantity: null,
        actor: event.actor,
        reason: event.reason,
      };
    }),
  ].sort(newerFirst);
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > limit && last ? encodeFeedCursor({ at: last.occurredAt, kind: last.kind, id: last.id }) : null };
}

// ---------- Users list summary ----------

/** Events in the last 30 days (today included) and the most frequent type, for a page of users: one query. */
export async function usageSummariesOf(db: DbOrTrx, organizationId: string, userIds: string[], now: Date): Promise<Map<string, UserUsageSummary>> {
  const out = new Map<string, UserUsageSummary>();
  if (userIds.length === 0) return out;
  const rows = await usageByUsers(db, organizationId, userIds, addDays(dayOf(now), -29));
  const best = new Map<string, number>();
  for (const r of rows) {
    const events = Number(r.events);
    const s = out.get(r.user_id) ?? { events30d: 0, topType: null };
    s.events30d += events;
    if (events > (best.get(r.user_id) ?? 0)) {
      best.set(r.user_id, events);
      s.topType = r.type;
    }
    out.set(r.user_id, s);
  }
  return out;
}

// ---------- Organization overview ----------

function series(rows: { period_start: string; active_users: number }[], starts: string[]): ActiveCount[] {
  const map = new Map(rows.map((r) => [r.period_start, Number(r.active_users)]));
  return starts.map((periodStart) => ({ periodStart, activeUsers: map.get(periodStart) ?? 0 }));
}

export async function getUsageOverview(ctx: RequestContext, inactiveDays: number): Promise<UsageOverview> {
  const { db } = ctx.deps;
  const now = ctx.deps.clock();
  const today = dayOf(now);
  const days = daysBetween(addDays(today, -29), today);
  const thisWeek = weekStart(today);
  const weeks = Array.from({ length: 12 }, (_, i) => addDays(thisWeek, -7 * (11 - i)));
  const thisMonth = monthStart(today);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, -(11 - i)));
  const cutoff = new Date(now.getTime() - inactiveDays * DAY_MS).toISOString();
  const [dayRows, weekRows, monthRows, types, inactiveCount, activeAccounts, retention] = await Promise.all([
    orgActiveRows(db, ctx.organizationId, 'day', days[0]!),
    orgActiveRows(db, ctx.organizationId, 'week', weeks[0]!),
    orgActiveRows(db, ctx.organizationId, 'month', months[0]!),
    orgTypeTotals(db, ctx.organizationId, days[0]!),
    countInactive(db, ctx.organizationId, cutoff),
    countActiveAccounts(db, ctx.organizationId),
    retentionDays(db, ctx.organizationId),
  ]);
  const daily = series(dayRows, days);
  const weekly = series(weekRows, weeks);
  const monthly = series(monthRows, months);
  const lastTwo = (s: ActiveCount[]) => ({ current: s[s.length - 1]!.activeUsers, previous: s[s.length - 2]!.activeUsers });
  const topTypes = types
    .map((t) => ({ type: t.type, label: USAGE_EVENT_LABELS[t.type as UsageEventType] ?? t.type, events: Number(t.events), quantity: Number(t.quantity) }))
    .filter((t) => t.events > 0)
    .sort((a, b) => b.events - a.events || (a.type < b.type ? -1 : 1));
  return {
    generatedAt: now.toISOString(),
    active: { day: lastTwo(daily), week: lastTwo(weekly), month: lastTwo(monthly) },
    trend: { daily, weekly, monthly },
    topTypes,
    totalEvents30d: topTypes.reduce((s, t) => s + t.events, 0),
    inactive: { days: inactiveDays, count: inactiveCount, activeAccounts },
    retentionDays: retention,
  };
}

export async function listInactiveUsers(ctx: RequestContext, query: { days?: number; limit?: number; cursor?: string }): Promise<InactiveUserList> {
  const { db } = ctx.deps;
  const days = query.days ?? 30;
  const limit = query.limit ?? 50;
  const cutoff = new Date(ctx.deps.clock().getTime() - days * DAY_MS).toISOString();
  let after: { value: string; id: string } | null = null;
  if (query.cursor) {
    try {
      const [value, id] = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as unknown[];
      if (typeof value === 'string' && typeof id === 'string') after = { value, id };
    } catch {
      // handled below
    }
    if (!after) throw fail(USAGE_ERRORS, 'INVALID_CURSOR');
  }
  const [rows, total] = await Promise.all([inactivePage(db, ctx.organizationId, cutoff, after, limit), countInactive(db, ctx.organizationId, cutoff)]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    days,
    total,
    items: page.map((r) => ({ id: r.id, name: r.name, email: r.email, role: { id: r.role_id, name: r.role_name }, lastActiveAt: r.last_active_at, createdAt: r.created_at })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.last_active_at ?? '', last.id])).toString('base64url') : null,
  };
}

// ---------- Retention ----------

export async function getUsageSettings(ctx: RequestContext) {
  return { retentionDays: await retentionDays(ctx.deps.db, ctx.organizationId) };
}

export async function updateUsageSettings(ctx: RequestContext & { actor: Actor }, retentionDaysValue: number) {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const before = await retentionDays(trx, ctx.organizationId);
    if (before === retentionDaysValue) return;
    await saveRetentionDays(trx, ctx.organizationId, retentionDaysValue, nowIso(ctx.deps));
    await recordAudit(trx, ctx, {
      action: 'usage.retention_changed',
      category: 'policy',
      risk: 'medium',
      subject: { type: 'organization', id: ctx.organizationId, label: 'Usage retention' },
      before: { retentionDays: before },
      after: { retentionDays: retentionDaysValue },
    });
  });
  return getUsageSettings(ctx);
}

/**
 * Deletes raw events older than each organization's retention window, in small batches so writers
 * are never blocked for long, and rollups older than ROLLUP_RETENTION_DAYS. Run periodically.
 */
export async function purgeExpiredUsage(deps: Pick<Deps, 'db' | 'clock'>, options: { batchSize?: number; rollups?: boolean } = {}): Promise<{ events: number }> {
  const batch = options.batchSize ?? 5000;
  const now = deps.clock();
  let events = 0;
  for (const org of await organizationsWithRetention(deps.db)) {
    const cutoff = new Date(now.getTime() - (org.retention_days ?? USAGE_RETENTION_DEFAULT_DAYS) * DAY_MS).toISOString();
    for (;;) {
      const n = await deleteExpiredEvents(deps.db, org.id, cutoff, batch);
      events += n;
      if (n < batch) break;
    }
    if (options.rollups !== false) await deleteExpiredRollups(deps.db, org.id, addDays(dayOf(now), -ROLLUP_RETENTION_DAYS));
  }
  return { events };
}
