// Usage at a glance for a page of users (the users list and the user page).
import type { UserUsageSummary } from '../../../contracts/usage.js';
import type { DbOrTrx } from '../../db/database.js';
import { addDays, dayOf } from './usage.dates.js';
import { usageByUsers } from './usage.repository.js';

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
