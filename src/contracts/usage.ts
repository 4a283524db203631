import { Type, type Static } from 'typebox';
import { Iso, NullableIso, PageLimit } from './common.js';

/** What Sofie's other services report. The order is the order of the chart legend. */
export const USAGE_EVENT_TYPES = [
  'chat_message',
  'artifact_created',
  'artifact_edited',
  'orchestration_run',
  'sequence_run',
  'sign_in',
  'workspace_visit',
] as const;
export type UsageEventType = (typeof USAGE_EVENT_TYPES)[number];

export const USAGE_EVENT_LABELS: Record<UsageEventType, string> = {
  chat_message: 'Chat messages',
  artifact_created: 'Artifacts created',
  artifact_edited: 'Artifacts edited',
  orchestration_run: 'Orchestration runs',
  sequence_run: 'Sequence runs',
  sign_in: 'Sign-ins',
  workspace_visit: 'Workspace visits',
};

export const USAGE_BATCH_MAX = 1000;
export const USAGE_RETENTION_DEFAULT_DAYS = 90;

/**
 * One event as posted. Deliberately loose here: each event is validated on its own so that one bad
 * event is rejected with its reason while the rest of the batch is kept.
 */
export const UsageEventInput = Type.Object(
  {
    id: Type.String({ description: 'The caller’s unique id of the event (1–100 characters): re-sending it is harmless.' }),
    userId: Type.Optional(Type.String({ description: 'The user’s id; or give email.' })),
    email: Type.Optional(Type.String({ description: 'The user’s email, when the caller does not know the id.' })),
    type: Type.String({ description: USAGE_EVENT_TYPES.join(' | ') }),
    occurredAt: Type.String({ description: 'ISO 8601 time with zone, within the retention window and not in the future.' }),
    workspaceId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    itemId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    quantity: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'e.g. tokens; a whole number ≥ 0, default 1.' })),
  },
  { additionalProperties: true },
);

export const IngestUsageBody = Type.Object({
  events: Type.Array(Type.Any(), { minItems: 1, maxItems: USAGE_BATCH_MAX }),
});

export const IngestRejection = Type.Object({
  index: Type.Integer(),
  id: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  message: Type.String(),
});
export type IngestRejection = Static<typeof IngestRejection>;

export const IngestUsageResult = Type.Object({
  accepted: Type.Integer({ description: 'New events stored.' }),
  duplicates: Type.Integer({ description: 'Events whose id was already stored (or repeated in the batch): nothing changed.' }),
  rejected: Type.Array(IngestRejection),
});
export type IngestUsageResult = Static<typeof IngestUsageResult>;

export const ActivityItem = Type.Object({
  /** usage: an event from another service; audit: a change recorded in the audit log about the user. */
  kind: Type.Union([Type.Literal('usage'), Type.Literal('audit')]),
  id: Type.String(),
  occurredAt: Iso,
  /** The usage type or the audit action. */
  type: Type.String(),
  label: Type.String(),
  workspaceId: Type.Union([Type.String(), Type.Null()]),
  itemId: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Union([Type.Number(), Type.Null()]),
  actor: Type.Union([Type.Object({ id: Type.String(), label: Type.String() }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type ActivityItem = Static<typeof ActivityItem>;

export const ActivityQuery = Type.Object({
  limit: PageLimit({ max: 100, byDefault: 30 }),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
export const ActivityFeed = Type.Object({
  items: Type.Array(ActivityItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ActivityFeed = Static<typeof ActivityFeed>;

export const UsageTrendQuery = Type.Object({
  days: Type.Optional(Type.Union([Type.Literal(30), Type.Literal(90)], { default: 30 })),
});

const perType = Object.fromEntries(USAGE_EVENT_TYPES.map((t) => [t, Type.Integer()])) as Record<UsageEventType, ReturnType<typeof Type.Integer>>;

/** One UTC day of a trend: the count of events of every type (zero when none). */
export const UsageTrendPoint = Type.Object({ day: Type.String({ description: 'YYYY-MM-DD (UTC)' }), ...perType });
export type UsageTrendPoint = Static<typeof UsageTrendPoint>;

export const UsageTypeTotal = Type.Object({ type: Type.String(), label: Type.String(), events: Type.Integer(), quantity: Type.Integer() });

export const UsageTrend = Type.Object({
  days: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  /** False when the user has no usage in the window: show an empty state, not a flat chart. */
  hasData: Type.Boolean(),
  totalEvents: Type.Integer(),
  totals: Type.Array(UsageTypeTotal),
  series: Type.Array(UsageTrendPoint),
});
export type UsageTrend = Static<typeof UsageTrend>;

export const ActiveCount = Type.Object({ periodStart: Type.String(), activeUsers: Type.Integer() });
export type ActiveCount = Static<typeof ActiveCount>;

const EqualPeriods = Type.Object({
  current: Type.Integer(),
  /** Active users in the first `previousDays` days of the previous period. */
  previous: Type.Integer(),
  previousDays: Type.Integer({ description: 'Days of the previous period compared: as many as have begun in the current one.' }),
  previousPeriodDays: Type.Integer({ description: 'Length of the previous period in days (7 for a week).' }),
});

export const UsageOverviewQuery = Type.Object({
  inactiveDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })),
});

export const UsageOverview = Type.Object({
  generatedAt: Iso,
  /**
   * Calendar periods in UTC: today (against all of yesterday), this ISO week (Monday first) and this
   * month so far, each against the same number of days at the start of the previous one.
   */
  active: Type.Object({
    day: Type.Object({ current: Type.Integer(), previous: Type.Integer() }),
    week: EqualPeriods,
    month: EqualPeriods,
  }),
  trend: Type.Object({
    daily: Type.Array(ActiveCount, { description: 'Last 30 days, oldest first, zero-filled.' }),
    weekly: Type.Array(ActiveCount, { description: 'Last 12 ISO weeks.' }),
    monthly: Type.Array(ActiveCount, { description: 'Last 12 months.' }),
  }),
  topTypes: Type.Array(UsageTypeTotal, { description: 'Last 30 days, most events first.' }),
  totalEvents30d: Type.Integer(),
  inactive: Type.Object({ days: Type.Integer(), count: Type.Integer(), activeAccounts: Type.Integer() }),
  retentionDays: Type.Integer(),
});
export type UsageOverview = Static<typeof UsageOverview>;

export const InactiveUsersQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })),
  limit: PageLimit(),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});
export const InactiveUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.Object({ id: Type.String(), name: Type.String() }),
  lastActiveAt: NullableIso,
  createdAt: Iso,
});
export type InactiveUser = Static<typeof InactiveUser>;
export const InactiveUserList = Type.Object({
  days: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(InactiveUser),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type InactiveUserList = Static<typeof InactiveUserList>;

export const UsageSettings = Type.Object({ retentionDays: Type.Integer() });
export type UsageSettings = Static<typeof UsageSettings>;
export const UpdateUsageSettingsBody = Type.Object({ retentionDays: Type.Integer({ minimum: 7, maximum: 730 }) });

/** The small per-user summary on the Users page. */
export const UserUsageSummary = Type.Object({
  events30d: Type.Integer(),
  topType: Type.Union([Type.String(), Type.Null()]),
});
export type UserUsageSummary = Static<typeof UserUsageSummary>;
