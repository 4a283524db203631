import type { Static } from 'typebox';
import { OPEN_ALERTS_SHOWN_UP_TO, type AlertQuery, type SecurityAlert } from '../../../contracts/alerts.js';
import type { PageQuery } from '../../../contracts/common.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { decodeCursor, limitOf, pageOf } from '../../platform/keyset.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { readDbOf } from '../../platform/read-routing.js';
import { ALERTS_ERRORS } from './alerts.errors.js';
import {
  countOpenAlerts,
  findAlertForChange,
  findListedAlert,
  isSecurityViewer,
  listAlertRows,
  securityViewers,
  type ListedAlertRow,
} from './alerts.repository.js';
import type { SecurityAlertRow } from './alerts.table.js';

type SignedIn = RequestContext & { actor: Actor };

function toContract(row: ListedAlertRow): SecurityAlert {
  return {
    id: row.id,
    rule: row.rule,
    risk: row.risk,
    title: row.title,
    titleMessage: row.title_code ? { code: row.title_code, values: JSON.parse(row.title_values ?? '{}') as Record<string, string> } : null,
    actor: row.actor_label ? { id: row.actor_user_id, label: row.actor_label } : null,
    subject: row.subject_id ? { type: row.subject_type ?? '', id: row.subject_id, label: row.subject_label ?? '' } : null,
    link: row.link,
    eventId: row.event_id,
    status: row.status,
    assignee: row.assignee_user_id ? { id: row.assignee_user_id, name: row.assignee_name ?? '' } : null,
    escalatedAt: row.escalated_at,
    dismissedAt: row.dismissed_at,
    dismissReason: row.dismiss_reason,
    createdAt: row.created_at,
  };
}

export async function listAlerts(ctx: SignedIn, query: Static<typeof AlertQuery>) {
  const limit = query.limit ?? 50;
  const rows = await listAlertRows(await readDbOf(ctx), ctx.organizationId, {
    status: query.status,
    rule: query.rule,
    assigneeId: query.assignedToMe ? ctx.actor.userId : undefined,
    beforeId: query.cursor,
    limit,
  });
  const page = rows.slice(0, limit);
  return { items: page.map(toContract), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

export async function openAlertCount(ctx: SignedIn) {
  const n = await countOpenAlerts(await readDbOf(ctx), ctx.organizationId, OPEN_ALERTS_SHOWN_UP_TO);
  return { open: Math.min(n, OPEN_ALERTS_SHOWN_UP_TO + 1), capped: n > OPEN_ALERTS_SHOWN_UP_TO };
}

const subjectOf = (row: SecurityAlertRow) => ({ type: 'security_alert', id: row.id, label: row.title.slice(0, 200) });

async function reread(ctx: SignedIn, id: string): Promise<SecurityAlert> {
  const row = await findListedAlert(ctx.deps.db, ctx.organizationId, id);
  if (!row) throw fail(ALERTS_ERRORS, 'ALERT_NOT_FOUND');
  return toContract(row);
}

/** Dismissing says why: the reason is the record an auditor reads. */
export async function dismissAlert(ctx: SignedIn, id: string, reason: string): Promise<SecurityAlert> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findAlertForChange(trx, ctx.deps.dialect, ctx.organizationId, id);
    if (!row) throw fail(ALERTS_ERRORS, 'ALERT_NOT_FOUND');
    if (row.status === 'dismissed') throw fail(ALERTS_ERRORS, 'ALERT_ALREADY_DISMISSED');
    const now = nowIso(ctx.deps);
    await trx
      .updateTable('security_alerts')
      .set({ status: 'dismissed', dismissed_at: now, dismissed_by: ctx.actor.userId, dismiss_reason: reason.trim() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    await recordAudit(trx, ctx, {
      action: 'alert.dismissed',
      category: 'admin',
      risk: 'medium',
      subject: subjectOf(row),
      reason,
      before: { status: 'open', rule: row.rule },
      after: { status: 'dismissed' },
    });
  });
  return reread(ctx, id);
}

export async function assignAlert(ctx: SignedIn, id: string, assigneeId: string | null): Promise<SecurityAlert> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findAlertForChange(trx, ctx.deps.dialect, ctx.organizationId, id);
    if (!row) throw fail(ALERTS_ERRORS, 'ALERT_NOT_FOUND');
    if (assigneeId && !(await isSecurityViewer(trx, ctx.organizationId, assigneeId))) throw fail(ALERTS_ERRORS, 'ASSIGNEE_NOT_ELIGIBLE');
    await trx.updateTable('security_alerts').set({ assignee_user_id: assigneeId }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'alert.assigned',
      category: 'admin',
      risk: 'low',
      subject: subjectOf(row),
      before: { assigneeId: row.assignee_user_id },
      after: { assigneeId },
    });
  });
  return reread(ctx, id);
}

/** Escalating raises the risk to high and emails everyone who may view security events, at once. */
export async function escalateAlert(ctx: SignedIn, id: string, reason: string): Promise<SecurityAlert> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findAlertForChange(trx, ctx.deps.dialect, ctx.organizationId, id);
    if (!row) throw fail(ALERTS_ERRORS, 'ALERT_NOT_FOUND');
    if (row.status === 'dismissed') throw fail(ALERTS_ERRORS, 'ALERT_ALREADY_DISMISSED');
    // Everyone was emailed once already: a second escalation would only repeat the mail.
    if (row.escalated_at) throw fail(ALERTS_ERRORS, 'ALERT_ALREADY_ESCALATED');
    await trx
      .updateTable('security_alerts')
      .set({ escalated_at: nowIso(ctx.deps), risk: 'high' })
      .where('id', '=', id)
      .execute();
    for (const viewer of await securityViewers(trx, ctx.organizationId, 'all'))
      await enqueueMail(trx, ctx.deps, {
        organizationId: ctx.organizationId,
        to: viewer.email,
        subject: `Escalated security alert: ${row.title}`,
        text: `${ctx.actor.name} escalated this alert in the Security Center:\n\n${row.title}\n\nWhy: ${reason}\n\nOpen the Security Center's Alerts tab to act on it.`,
      });
    await recordAudit(trx, ctx, {
      action: 'alert.escalated',
      category: 'admin',
      risk: 'high',
      subject: subjectOf(row),
      reason,
      before: { risk: row.risk, escalatedAt: row.escalated_at },
      after: { risk: 'high' },
    });
  });
  return reread(ctx, id);
}

/** One page of the people an alert can be assigned to, by name. */
export async function alertAssignees(ctx: SignedIn, query: PageQuery) {
  const limit = limitOf(query);
  const after = decodeCursor(query.cursor, 2);
  const rows = await securityViewers(await readDbOf(ctx), ctx.organizationId, { after: after && { name: after[0], id: after[1] }, limit });
  const page = pageOf(rows, limit, (v) => [v.name, v.id]);
  return { items: page.rows.map((v) => ({ id: v.id, name: v.name, email: v.email })), nextCursor: page.nextCursor };
}

export async function digestSetting(ctx: SignedIn) {
  const row = await ctx.deps.db
    .selectFrom('alert_digest_subscribers')
    .select('user_id')
    .where('organization_id', '=', ctx.organizationId)
    .where('user_id', '=', ctx.actor.userId)
    .executeTakeFirst();
  return { subscribed: row !== undefined };
}

/**
 * Subscribing to or leaving the daily digest is the person's own choice (only for themselves), and
 * audited: who receives security alerts by email is part of the organization's security record. Asking
 * for the setting already in force changes nothing and records nothing.
 */
export async function setDigestSetting(ctx: SignedIn, subscribed: boolean) {
  const key = { organization_id: ctx.organizationId, user_id: ctx.actor.userId };
  await ctx.deps.db.transaction().execute(async (trx) => {
    const changed = subscribed
      ? (
          await trx
            .insertInto('alert_digest_subscribers')
            .values({ ...key, subscribed_at: nowIso(ctx.deps), last_sent_at: null })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst()
        ).numInsertedOrUpdatedRows
      : (
          await trx
            .deleteFrom('alert_digest_subscribers')
            .where('organization_id', '=', key.organization_id)
            .where('user_id', '=', key.user_id)
            .executeTakeFirst()
        ).numDeletedRows;
    if (!changed) return;
    await recordAudit(trx, ctx, {
      action: subscribed ? 'alert.digest_subscribed' : 'alert.digest_unsubscribed',
      category: 'admin',
      risk: 'low',
      subject: { type: 'user', id: ctx.actor.userId, label: `${ctx.actor.name} <${ctx.actor.email}>` },
      before: { digest: !subscribed },
      after: { digest: subscribed },
    });
  });
  return { subscribed };
}
