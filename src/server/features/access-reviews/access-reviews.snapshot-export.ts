import Papa from 'papaparse';
import { FORMULA_CELL } from '../../../contracts/csv.js';
import type { Snapshot } from '../../../contracts/access-reviews.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { renderPdf, type PdfLine } from './pdf.js';
import { getSnapshot } from './access-reviews.snapshots.js';

export type SnapshotFormat = 'csv' | 'json' | 'pdf';

/** One row per finding: section, subject, detail, so the whole report sorts and filters in a spreadsheet. */
function csvOf(s: Snapshot): string {
  const r = s.report;
  const rows: string[][] = [
    ...r.privilegedAccess.flatMap((p) => p.holders.map((h) => ['privileged_access', p.permission, h.email, h.name, `via role ${h.role}`])),
    ...r.invitations.map((i) => [`invitation_${i.status}`, i.role, i.email, i.invitedBy ?? '', `expires ${i.expiresAt}`]),
    ...r.passkeyGaps.map((g) => ['passkey_gap', g.role, g.email, g.name, g.roleRequiresPasskey ? 'role requires a passkey' : 'no passkey registered']),
    ...r.dormant.map((d) => ['dormant_privileged', d.role, d.email, d.name, d.lastActiveAt ? `last active ${d.lastActiveAt}` : 'never active']),
    ...r.tokens.map((t) => [
      `${t.kind}_token`,
      t.revokedAt ? 'revoked' : 'active',
      t.name,
      t.createdBy ?? '',
      `created ${t.createdAt}; last used ${t.lastUsedAt ?? 'never'}`,
    ]),
  ];
  return Papa.unparse({ fields: ['section', 'key', 'subject', 'name', 'detail'], data: rows }, { escapeFormulae: FORMULA_CELL });
}

function pdfLinesOf(s: Snapshot): PdfLine[] {
  const r = s.report;
  const h = (text: string): PdfLine[] => [{ text: '' }, { text, size: 13, bold: true }];
  const none = (list: unknown[]) => (list.length === 0 ? [{ text: '  None.' }] : []);
  return [
    { text: 'Access review snapshot', size: 18, bold: true },
    { text: `Generated ${r.generatedAt} by ${r.generatedBy}` },
    { text: `Snapshot id ${s.id}. Dormant means no activity in ${r.dormantDays} days.` },
    ...h('Privileged access: who holds each privileged permission, and through which role'),
    ...r.privilegedAccess.flatMap((p) => [
      { text: `${p.label} (${p.permission}): ${p.holders.length} holder(s)`, bold: true },
      ...p.holders.map((u) => ({ text: `  ${u.name} <${u.email}> via ${u.role}` })),
    ]),
    ...h('Permission overrides'),
    { text: `  ${r.overrides.note}` },
    ...h('Pending and expired invitations'),
    ...none(r.invitations),
    ...r.invitations.map((i) => ({ text: `  ${i.email}: ${i.status}, role ${i.role}, invited by ${i.invitedBy ?? 'unknown'}, expires ${i.expiresAt}` })),
    ...h('Passkey-policy gaps: privileged users without a passkey'),
    ...none(r.passkeyGaps),
    ...r.passkeyGaps.map((g) => ({ text: `  ${g.name} <${g.email}> via ${g.role}${g.roleRequiresPasskey ? ' (the role requires a passkey)' : ''}` })),
    ...h(`Dormant privileged accounts (no activity in ${r.dormantDays} days)`),
    ...none(r.dormant),
    ...r.dormant.map((d) => ({ text: `  ${d.name} <${d.email}> via ${d.role}, last active ${d.lastActiveAt ?? 'never'}` })),
    ...h('Service and SCIM tokens'),
    ...none(r.tokens),
    ...r.tokens.map((t) => ({
      text: `  ${t.kind === 'scim' ? 'SCIM' : 'Service'} token "${t.name}": ${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}, created ${t.createdAt} by ${t.createdBy ?? 'unknown'}, last used ${t.lastUsedAt ?? 'never'}`,
    })),
  ];
}

/** The snapshot in the asked format, with its media type and file name; the export is audited. */
export async function exportSnapshot(ctx: RequestContext & { actor: Actor }, id: string, format: SnapshotFormat) {
  const snapshot = await getSnapshot(ctx, id);
  const stamp = snapshot.createdAt.slice(0, 10);
  const file = `access-snapshot-${stamp}-${snapshot.id.slice(-8)}.${format}`;
  await ctx.deps.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'access_review.snapshot_exported',
      category: 'admin',
      risk: 'low',
      subject: { type: 'access_review_snapshot', id: snapshot.id, label: `Snapshot ${snapshot.createdAt}` },
      after: { format },
    }),
  );
  if (format === 'csv') return { file, type: 'text/csv; charset=utf-8', body: csvOf(snapshot) };
  if (format === 'json') return { file, type: 'application/json', body: JSON.stringify(snapshot, null, 2) };
  return { file, type: 'application/pdf', body: renderPdf('Access review snapshot', pdfLinesOf(snapshot), `Sofie access review snapshot ${snapshot.id}`) };
}
