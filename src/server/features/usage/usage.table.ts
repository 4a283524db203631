import type { Insertable, Selectable } from 'kysely';

/** A usage event as another Sofie service reported it; kept for the organization's retention window. */
export interface UsageEventsTable {
  organization_id: string;
  /** The caller's event id: the idempotency key within the organization. */
  id: string;
  user_id: string;
  type: string;
  occurred_at: string;
  workspace_id: string | null;
  item_id: string | null;
  quantity: number;
  received_at: string;
}
export type UsageEventRow = Selectable<UsageEventsTable>;
export type NewUsageEventRow = Insertable<UsageEventsTable>;

/** Events and quantity per user, UTC day (YYYY-MM-DD) and type. */
export interface UsageDailyTable {
  organization_id: string;
  user_id: string;
  day: string;
  type: string;
  events: number;
  quantity: number;
}

/** Events and quantity per organization, UTC day and type. */
export interface UsageOrgDailyTable {
  organization_id: string;
  day: string;
  type: string;
  events: number;
  quantity: number;
}

export type ActivePeriod = 'day' | 'week' | 'month';

/** A user was active in a period (period_start: the day, the Monday of the ISO week, the 1st of the month). */
export interface UsageActiveTable {
  organization_id: string;
  period: ActivePeriod;
  period_start: string;
  user_id: string;
}

/** Distinct active users per organization and period. */
export interface UsageOrgActiveTable {
  organization_id: string;
  period: ActivePeriod;
  period_start: string;
  active_users: number;
}

export interface UsageSettingsTable {
  organization_id: string;
  retention_days: number;
  updated_at: string;
}
