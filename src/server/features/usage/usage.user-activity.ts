// One user's usage on their page: the daily trend, and the activity feed of usage and audit events.
import {
  USAGE_EVENT_LABELS,
  USAGE_EVENT_TYPES,
  type ActivityFeed,
  type ActivityItem,
  type UsageEventType,
  type UsageTrend,
  type UsageTrendPoint,
} from '../../../contracts/usage.js';
import type { RequestContext } from '../../platform/deps.js';
import { fail, PLATFORM_ERRORS } from '../../platform/errors.js';
import { auditRowToEvent } from '../audit/index.js';
import { requireUser } from '../users/index.js';
import { addDays, dayOf, daysBetween } from './usage.dates.js';
import { userAuditPage, userDailyRows, userEventsPage, type FeedCursor } from './usage.repository.js';
import { TYPES } from './usage.ingest.js';

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
    totals: USAGE_EVENT_TYPES.map((type) => ({
      type,
      label: USAGE_EVENT_LABELS[type],
      events: totals.get(type)?.events ?? 0,
      quantity: totals.get(type)?.quantity ?? 0,
    })),
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
  if (action === 'user.role_changed' && a && typeof a.role === 'object' && a.role && 'name' in a.role) return `${base} to ${String(a.role.name)}`;
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
  throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
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
