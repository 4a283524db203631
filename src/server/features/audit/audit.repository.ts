import type { DbOrTrx } from '../../db/database.js';

export interface AuditFilter {
  subjectId?: string;
  actorId?: string;
  category?: string;
  risk?: string;
  beforeId?: string;
  limit: number;
}

export function listAuditRows(db: DbOrTrx, organizationId: string, filter: AuditFilter) {
  let q = db.selectFrom('audit_events').selectAll().where('organization_id', '=', organizationId);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.actorId) q = q.where('actor_user_id', '=', filter.actorId);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.risk) q = q.where('risk', '=', filter.risk);
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
  return q
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
