import type { AuditCategory, RiskLevel } from '../../contracts/audit.js';
import type { DbOrTrx } from '../db/database.js';
import { nowIso, type RequestContext } from './deps.js';

export interface AuditInput {
  action: string;
  category: AuditCategory;
  risk: RiskLevel;
  subject?: { type: string; id: string; label: string } | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit event inside the caller's transaction, so the change and its record commit or
 * roll back together. The actor comes from the context; system actions have none.
 */
export async function recordAudit(trx: DbOrTrx, ctx: RequestContext, input: AuditInput): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      id: ctx.deps.newId(),
      organization_id: ctx.organizationId,
      actor_user_id: ctx.actor?.userId ?? null,
      actor_label: ctx.actor ? `${ctx.actor.name} <${ctx.actor.email}>` : ctx.userAgent?.startsWith('service:') ? `Service ${ctx.userAgent.slice(8)}` : 'System',
      action: input.action,
      category: input.category,
      risk: input.risk,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject?.id ?? null,
      subject_label: input.subject?.label ?? null,
      reason: input.reason?.trim() || null,
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      created_at: nowIso(ctx.deps),
    })
    .execute();
}
