import type { AuditEvent, AuditFilterQuery, AuditQuery } from '../../../contracts/audit.js';
import { AUDIT_ERRORS } from '../../../contracts/errors.js';
import type { RequestContext } from '../../platform/deps.js';
import { fail, PLATFORM_ERRORS } from '../../platform/errors.js';
import { readDbOf } from '../../platform/read-routing.js';
import { listAuditRows, type AuditFilter } from './audit.repository.js';
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
    userAgent: withIp ? row.user_agent : null,
    requestId: row.request_id,
    createdAt: row.created_at,
  };
}

function encodeCursor(row: AuditEventRow): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // falls through to the error below
  }
  throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
}

function isoOrFail(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw fail(AUDIT_ERRORS, 'INVALID_DATE', { value });
  return new Date(time).toISOString();
}

/** The view's filters, validated and in the stored form (dates as UTC ISO strings, as created_at is). */
export function filterOf(query: AuditFilterQuery): AuditFilter {
  const from = isoOrFail(query.from);
  const to = isoOrFail(query.to);
  if (from && to && to < from) throw fail(AUDIT_ERRORS, 'INVALID_DATE_RANGE');
  return { ...query, from, to };
}

/** Searches the organization's audit log: one keyset page of the view. */
export async function listAuditEvents(ctx: RequestContext, query: AuditQuery) {
  const limit = query.limit ?? 50;
  const filter = { ...filterOf(query), after: query.cursor ? decodeCursor(query.cursor) : undefined };
  const rows = await listAuditRows(await readDbOf(ctx), ctx.organizationId, filter, limit + 1);
  const page = rows.slice(0, limit);
  const withIp = mayReadIps(ctx);
  return { items: page.map((row) => auditRowToEvent(row, withIp)), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
}
