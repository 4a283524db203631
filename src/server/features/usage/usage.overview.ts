// The organization's usage: active users by day, week and month, top event types, and who is inactive.
import { USAGE_EVENT_LABELS, type ActiveCount, type InactiveUserList, type UsageEventType, type UsageOverview } from '../../../contracts/usage.js';
import type { RequestContext } from '../../platform/deps.js';
import { fail, PLATFORM_ERRORS } from '../../platform/errors.js';
import { addDays, addMonths, DAY_MS, dayOf, daysBetween, monthStart, weekStart } from './usage.dates.js';
import { countActiveAccounts, countActiveBetween, countInactive, inactivePage, orgActiveRows, orgTypeTotals } from './usage.repository.js';
import { retentionDays } from './usage.retention.js';

function series(rows: { period_start: string; active_users: number }[], starts: string[]): ActiveCount[] {
  const map = new Map(rows.map((r) => [r.period_start, Number(r.active_users)]));
  return starts.map((periodStart) => ({ periodStart, activeUsers: map.get(periodStart) ?? 0 }));
}

/**
 * This week (or month) so far against the same number of days at the start of the previous one:
 * on a Wednesday, Monday to Wednesday of last week, not all of it (a week one day old would always
 * look like a fall). The month compares day 1 to today's day of the month, at most the whole previous month.
 */
async function equalPeriods(ctx: RequestContext, today: string, thisWeek: string, thisMonth: string) {
  const weekDays = daysBetween(thisWeek, today).length;
  const lastMonth = addMonths(thisMonth, -1);
  const lastMonthDays = daysBetween(lastMonth, addDays(thisMonth, -1)).length;
  const monthDays = Math.min(daysBetween(thisMonth, today).length, lastMonthDays);
  const [week, month] = await Promise.all([
    countActiveBetween(ctx.deps.db, ctx.organizationId, addDays(thisWeek, -7), addDays(thisWeek, weekDays - 8)),
    countActiveBetween(ctx.deps.db, ctx.organizationId, lastMonth, addDays(lastMonth, monthDays - 1)),
  ]);
  return { week: { previous: week, previousDays: weekDays }, month: { previous: month, previousDays: monthDays, previousPeriodDays: lastMonthDays } };
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
  const [dayRows, weekRows, monthRows, types, inactiveCount, activeAccounts, retention, equal] = await Promise.all([
    orgActiveRows(db, ctx.organizationId, 'day', days[0]),
    orgActiveRows(db, ctx.organizationId, 'week', weeks[0]),
    orgActiveRows(db, ctx.organizationId, 'month', months[0]),
    orgTypeTotals(db, ctx.organizationId, days[0]),
    countInactive(db, ctx.organizationId, cutoff),
    countActiveAccounts(db, ctx.organizationId),
    retentionDays(db, ctx.organizationId),
    equalPeriods(ctx, today, thisWeek, thisMonth),
  ]);
  const daily = series(dayRows, days);
  const weekly = series(weekRows, weeks);
  const monthly = series(monthRows, months);
  const lastTwo = (s: ActiveCount[]) => ({ current: s[s.length - 1].activeUsers, previous: s[s.length - 2].activeUsers });
  const topTypes = types
    .map((t) => ({ type: t.type, label: USAGE_EVENT_LABELS[t.type as UsageEventType] ?? t.type, events: Number(t.events), quantity: Number(t.quantity) }))
    .filter((t) => t.events > 0)
    .sort((a, b) => b.events - a.events || (a.type < b.type ? -1 : 1));
  return {
    generatedAt: now.toISOString(),
    active: {
      day: lastTwo(daily),
      week: { current: lastTwo(weekly).current, previous: equal.week.previous, previousDays: equal.week.previousDays, previousPeriodDays: 7 },
      month: { current: lastTwo(monthly).current, ...equal.month },
    },
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
    if (!after) throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
  }
  const [rows, total] = await Promise.all([inactivePage(db, ctx.organizationId, cutoff, after, limit), countInactive(db, ctx.organizationId, cutoff)]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    days,
    total,
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      role: { id: r.role_id, name: r.role_name },
      lastActiveAt: r.last_active_at,
      createdAt: r.created_at,
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.last_active_at ?? '', last.id])).toString('base64url') : null,
  };
}
