import type { AuditAction, AuditCategory, RiskLevel } from '../../contracts/audit.js';
import type { DbOrTrx } from '../db/database.js';
import { eventHash, personalDigest, reserveLinks, saveHead } from './audit-chain.js';
import { nowIso, type RequestContext } from './deps.js';

export interface AuditInput {
  action: AuditAction;
  category: AuditCategory;
  risk: RiskLevel;
  subject?: { type: string; id: string; label: string } | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  /** Who acted, where the context has no signed-in actor yet: a sign-in is the act of the person signing in. */
  actor?: { userId: string; label: string };
}

/** The person as the actor of their own sign-in. */
export function selfActor(user: { id: string; name: string; email: string }): { userId: string; label: string } {
  return { userId: user.id, label: `${user.name} <${user.email}>` };
}

/** Rows per INSERT when a change writes many events (bulk actions): well inside every database's parameter limit. */
const ROWS_PER_INSERT = 200;

function actorLabel(ctx: RequestContext): string {
  if (ctx.actor?.credentialLabel) return ctx.actor.credentialLabel;
  if (ctx.actor) return `${ctx.actor.name} <${ctx.actor.email}>`;
  if (ctx.userAgent?.startsWith('operator:')) return 'Sofie operator';
  return ctx.userAgent?.startsWith('service:') ? `Service ${ctx.userAgent.slice(8)}` : 'System';
}

/**
 * Writes audit events inside the caller's transaction, so the change and its record commit or roll
 * back together. The actor comes from the context; system actions have none. Each event is linked
 * into the organization's hash chain (platform/audit-chain.ts); call it as the change's last write.
 * Returns the new events' ids, in order.
 */
export async function recordAudits(trx: DbOrTrx, ctx: RequestContext, inputs: readonly AuditInput[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const createdAt = nowIso(ctx.deps);
  const label = actorLabel(ctx);
  const head = await reserveLinks(trx, ctx.organizationId, inputs.length, createdAt);
  let prev = head.hash;
  const rows = inputs.map((input, i) => {
    const personal = {
      actor_label: input.actor?.label ?? label,
      subject_label: input.subject?.label ?? null,
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
      ip: ctx.ip,
      user_agent: ctx.userAgent,
    };
    const chained = {
      id: ctx.deps.newId(),
      organization_id: ctx.organizationId,
      chain_seq: head.seq + i + 1,
      // A credential (SCIM token) is not a user: its label names it, no user id that a link would follow.
      actor_user_id: input.actor?.userId ?? (ctx.actor && !ctx.actor.credentialLabel ? ctx.actor.userId : null),
      action: input.action,
      category: input.category,
      risk: input.risk,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject?.id ?? null,
      reason: input.reason?.trim() || null,
      request_id: ctx.requestId ?? null,
      created_at: createdAt,
      personal_digest: personalDigest(personal),
      prev_hash: prev,
    };
    prev = eventHash(chained);
    return { ...chained, ...personal, hash: prev };
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await trx
      .insertInto('audit_events')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  await saveHead(trx, ctx.organizationId, prev);
  const written = rows.map((row) => ({ ...row, redacted_by: null }));
  for (const observe of ctx.deps.auditObservers) await observe(trx, ctx, written);
  return rows.map((row) => row.id);
}

export async function recordAudit(trx: DbOrTrx, ctx: RequestContext, input: AuditInput): Promise<string> {
  const [id] = await recordAudits(trx, ctx, [input]);
  return id;
}
