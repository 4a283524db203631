import type { Static } from 'typebox';
import type { AuditEvent, AuditQuery } from '../../../contracts/audit.js';
import type { RequestContext } from '../../platform/deps.js';
import { readDbOf } from '../../platform/read-routing.js';
import { listAuditRows } from './audit.repository.js';
import type { AuditEventRow } from './audit.table.js';

/** Where someone was when they acted is security information: only "View security events" reveals it. */
function mayReadIps(ctx: RequestContext): boolean {
  return ctx.actor?.permissions.has('security.view_events') ?? false;
}

export function auditRowToEvent(row: AuditEventRow, withIp = true): AuditEvent {
  return {
    id: row.id,
    action: row.action,
    category: row.category,
    risk: row.risk,
    actor: row.actor_user_id ? { id: row.actor_user_id, label: row.actor_label } : row.actor_label ? { id: '', label: row.actor_label } : null,
    subject: row.subject_id ? { type: row.subject_type ?? '', id: row.subject_id, label: row.subject_label ?? '' } : null,
    reason: row.reason,
    before: row.before ? (JSON.parse(row.before) as unknown) : null,
    after: row.after ? (JSON.parse(row.after) as unknown) : null,
    ip: withIp ? row.ip : null,
    createdAt: row.created_at,
  };
}

export async function listAuditEvents(ctx: RequestContext, query: Static<typeof AuditQuery>) {
  const limit = query.limit ?? 50;
  const rows = await listAuditRows(await readDbOf(ctx), ctx.organizationId, { ...query, beforeId: query.cursor, limit });
  const page = rows.slice(0, limit);
  const withIp = mayReadIps(ctx);
  return { items: page.map((row) => auditRowToEvent(row, withIp)), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
