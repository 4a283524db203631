import Papa from 'papaparse';
import { FORMULA_CELL } from '../../../contracts/csv.js';
import { recordAudit } from '../../platform/audit.js';
import type { ItemContext } from '../../../contracts/access-reviews.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { findRole } from '../roles/index.js';
import { requireCampaign, reviewerLabel } from './access-reviews.campaigns.js';
import { itemsOfCampaign, userNamesOf } from './access-reviews.repository.js';
import type { CampaignRow, ItemRow } from './access-reviews.table.js';
import { sha256Hex, writeTar, type TarFile } from './tar.js';

const README = `Access review evidence package
==============================

campaign.json     the campaign: scope, reviewers, due date, who started and closed it
items.json        every reviewed user: the grant under review (role and permissions), who granted it,
                  the reviewer of record, the decision with its time and reason, and what closing applied
decisions.csv     the same, one line per item, for a spreadsheet
changes.json      the access changes closing the campaign applied, and the ones a guardrail refused
audit-events.json the audit log's events for this campaign (start, decisions, role changes, close),
                  each with its place in the organization's hash chain (chain_seq) and its hash:
                  ("npm run audit:verify" on the live log shows it still holds them unchanged)
MANIFEST.sha256   SHA-256 of each file above

Check that no file was edited:   sha256sum -c MANIFEST.sha256
The SHA-256 of MANIFEST.sha256 itself is recorded in the organization's audit log
(event "access_review.evidence_exported"), so the manifest cannot be rewritten unnoticed.
`;

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');

type Ctx = RequestContext & { actor: Actor };

async function namesOf(db: DbOrTrx, organizationId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  return new Map((await userNamesOf(db, organizationId, wanted)).map((u) => [u.id, `${u.name} <${u.email}>`]));
}

/** Each item as the auditor reads it: the grant, who granted it, the reviewer of record, the decision and what closing applied. */
async function evidenceItems(db: DbOrTrx, organizationId: string, items: ItemRow[]) {
  const reviewerNames = await namesOf(
    db,
    organizationId,
    items.map((i) => i.reviewer_user_id),
  );
  return items.map((i) => ({
    itemId: i.id,
    user: { id: i.user_id, name: i.user_name, email: i.user_email },
    grant: {
      role: { id: i.role_id, name: i.role_name },
      permissions: (JSON.parse(i.context) as ItemContext).permissions,
      grantedBy: i.granted_by_label,
      grantedAt: i.granted_at,
    },
    // The reviewer of record: who decided, or (undecided) who was assigned.
    reviewerOfRecord: i.decided_by_label ?? (i.reviewer_user_id ? reviewerNames.get(i.reviewer_user_id) : null) ?? 'holders of the reviewer role',
    decision: i.decision,
    decidedAt: i.decided_at,
    reason: i.decision_reason,
    outcome: i.outcome,
    outcomeMessage: i.outcome_message,
    appliedAt: i.applied_at,
  }));
}

/** The audit log's events of the campaign: its start and close, its decisions, and the role changes closing applied. */
async function campaignEvents(db: DbOrTrx, campaign: CampaignRow) {
  const events = await db
    .selectFrom('audit_events')
    .select(['id', 'chain_seq', 'hash', 'created_at', 'actor_label', 'action', 'subject_type', 'subject_id', 'subject_label', 'reason', 'before', 'after'])
    .where('organization_id', '=', campaign.organization_id)
    .where('created_at', '>=', campaign.created_at)
    .where((eb) =>
      eb.or([
        eb('subject_id', '=', campaign.id),
        eb.and([eb('action', '=', 'access_review.decision'), eb('after', 'like', `%"id":"${campaign.id}"%`)]),
        eb.and([eb('action', '=', 'user.role_changed'), eb('reason', 'like', `Access review "${campaign.name.replace(/[%_]/g, '')}"%`)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return events.map((e) => ({ ...e, before: e.before ? (JSON.parse(e.before) as unknown) : null, after: e.after ? (JSON.parse(e.after) as unknown) : null }));
}

async function campaignFile(ctx: Ctx, campaign: CampaignRow) {
  const db = ctx.deps.db;
  const people = await namesOf(db, ctx.organizationId, [campaign.created_by, campaign.closed_by]);
  const revokedTo = campaign.revoke_role_id ? await findRole(db, ctx.organizationId, campaign.revoke_role_id) : undefined;
  return {
    id: campaign.id,
    name: campaign.name,
    scope: { type: campaign.scope_type, id: campaign.scope_id, label: campaign.scope_label },
    reviewers: await reviewerLabel(db, campaign),
    dueAt: campaign.due_at,
    status: campaign.status,
    startedBy: people.get(campaign.created_by) ?? campaign.created_by,
    startedAt: campaign.created_at,
    closedBy: campaign.closed_by ? (people.get(campaign.closed_by) ?? campaign.closed_by) : null,
    closedAt: campaign.closed_at,
    revokeUnreviewed: campaign.revoke_unreviewed === 1,
    revokedTo: revokedTo?.name ?? null,
    revokeMeans: "the user's role is set to the organization's narrowest role (fewest permissions); account, groups and content are untouched",
    generatedAt: ctx.deps.clock().toISOString(),
    generatedBy: `${ctx.actor.name} <${ctx.actor.email}>`,
  };
}

function decisionsCsv(items: Awaited<ReturnType<typeof evidenceItems>>): Buffer {
  const fields = ['user_email', 'user_name', 'role', 'granted_by', 'reviewer_of_record', 'decision', 'decided_at', 'reason', 'outcome', 'outcome_message'];
  const data = items.map((i) => [
    i.user.email,
    i.user.name,
    i.grant.role.name,
    i.grant.grantedBy ?? '',
    i.reviewerOfRecord,
    i.decision ?? '',
    i.decidedAt ?? '',
    i.reason ?? '',
    i.outcome ?? '',
    i.outcomeMessage ?? '',
  ]);
  return Buffer.from(Papa.unparse({ fields, data }, { escapeFormulae: FORMULA_CELL }) + '\n', 'utf8');
}

/** The campaign's evidence as a tar of plain files with a SHA-256 manifest; the manifest's digest goes into the audit log. */
export async function evidencePackage(ctx: Ctx, id: string): Promise<{ file: string; body: Buffer; manifestSha256: string }> {
  const db = ctx.deps.db;
  const campaign = await requireCampaign(db, ctx.organizationId, id);
  const items = await evidenceItems(db, ctx.organizationId, await itemsOfCampaign(db, ctx.organizationId, id));
  const about = await campaignFile(ctx, campaign);
  const changes = items
    .filter((i) => i.outcome === 'revoked' || i.outcome === 'refused')
    .map((i) => ({ user: i.user, from: i.grant.role.name, to: about.revokedTo, outcome: i.outcome, message: i.outcomeMessage, appliedAt: i.appliedAt }));
  const files: TarFile[] = [
    { name: 'README.txt', content: Buffer.from(README, 'utf8') },
    { name: 'campaign.json', content: json(about) },
    { name: 'items.json', content: json(items) },
    { name: 'decisions.csv', content: decisionsCsv(items) },
    { name: 'changes.json', content: json(changes) },
    { name: 'audit-events.json', content: json(await campaignEvents(db, campaign)) },
  ];
  const manifest = Buffer.from(files.map((f) => `${sha256Hex(f.content)}  ${f.name}\n`).join(''), 'utf8');
  const manifestSha256 = sha256Hex(manifest);
  await db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'access_review.evidence_exported',
      category: 'access',
      risk: 'low',
      subject: { type: 'access_review_campaign', id, label: campaign.name },
      after: { manifestSha256, files: files.map((f) => f.name) },
    }),
  );
  const dir = `access-review-${campaign.created_at.slice(0, 10)}-${id.slice(-8)}`;
  const body = writeTar(
    [...files, { name: 'MANIFEST.sha256', content: manifest }].map((f) => ({ name: `${dir}/${f.name}`, content: f.content })),
    ctx.deps.clock(),
  );
  return { file: `${dir}.tar`, body, manifestSha256 };
}
