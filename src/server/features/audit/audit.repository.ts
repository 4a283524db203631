import { sql, type ExpressionBuilder } from 'kysely';
import { RECOVERY_ACTIONS, type AuditSort } from '../../../contracts/audit.js';
import type { Database, DbOrTrx } from '../../db/database.js';

export interface AuditFilter {
  q?: string;
  subjectId?: string;
  actorId?: string;
  actor?: string;
  subject?: string;
  category?: string;
  risk?: string;
  /** Inclusive lower bound of created_at. */
  from?: string;
  /** Exclusive upper bound of created_at. */
  to?: string;
  sort?: AuditSort;
  scope?: 'all' | 'recovery';
  /** An event to leave out (an export's own record). */
  excludeId?: string;
  /** Keyset: the last row of the previous page. */
  after?: { createdAt: string; id: string };
}

type Eb = ExpressionBuilder<Database, 'audit_events'>;
type TextColumn = 'action' | 'actor_label' | 'subject_label' | 'reason';

function contains(eb: Eb, column: TextColumn, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return eb(sql`lower(${sql.ref(column)})`, 'like', sql<string>`${pattern} escape '\\'`);
}

/**
 * One page of an organization's events in (created_at, id) order, newest or oldest first. Every
 * exact filter (subject, actor, category, risk) leads an index ending in (created_at, id), so a page
 * is a range scan of that index; text filters are checked on the rows that scan reaches.
 */
export function listAuditRows(db: DbOrTrx, organizationId: string, filter: AuditFilter, limit: number) {
  const desc = filter.sort !== 'oldest';
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where((eb) => {
      const and = [];
      if (filter.subjectId) and.push(eb('subject_id', '=', filter.subjectId));
      if (filter.actorId) and.push(eb('actor_user_id', '=', filter.actorId));
      if (filter.category) and.push(eb('category', '=', filter.category));
      if (filter.risk) and.push(eb('risk', '=', filter.risk));
      if (filter.scope === 'recovery') and.push(eb.or([eb('category', 'in', ['recovery', 'data_recovery']), eb('action', 'in', [...RECOVERY_ACTIONS])]));
      if (filter.from) and.push(eb('created_at', '>=', filter.from));
      if (filter.to) and.push(eb('created_at', '<', filter.to));
      if (filter.actor) and.push(contains(eb, 'actor_label', filter.actor));
      if (filter.subject) and.push(contains(eb, 'subject_label', filter.subject));
      const q = filter.q?.trim();
      if (q) and.push(eb.or((['action', 'actor_label', 'subject_label', 'reason'] as const).map((column) => contains(eb, column, q))));
      if (filter.excludeId) and.push(eb('id', '!=', filter.excludeId));
      if (filter.after) and.push(eb(eb.refTuple('created_at', 'id'), desc ? '<' : '>', eb.tuple(filter.after.createdAt, filter.after.id)));
      return eb.and(and);
    })
    .orderBy('created_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(limit)
    .execute();
}

/** Whether the subject has an event with this action at or after `since` (so a flood of refusals is recorded once per window). */
export async function hasRecentEvent(db: DbOrTrx, organizationId: string, subjectId: string, action: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_events')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('subject_id', '=', subjectId)
    .where('created_at', '>=', since)
    .where('action', '=', action)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
