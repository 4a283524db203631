// Exporting exactly the Events tab's view, streamed: keyset batches from the database, written as
// they come, so a million events leave without being held in memory.
import Papa from 'papaparse';
import type { AuditEvent, AuditFilterQuery } from '../../../contracts/audit.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/deps.js';
import { readDbOf } from '../../platform/read-routing.js';
import { listAuditRows } from './audit.repository.js';
import { auditRowToEvent, filterOf } from './audit.service.js';

const BATCH = 1000;

const CSV_COLUMNS = [
  'createdAt',
  'action',
  'category',
  'risk',
  'actor',
  'actorId',
  'subjectType',
  'subjectId',
  'subject',
  'reason',
  'before',
  'after',
  'ip',
  'userAgent',
  'requestId',
  'id',
];

function csvRow(e: AuditEvent): unknown[] {
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return [
    e.createdAt,
    e.action,
    e.category,
    e.risk,
    e.actor?.label ?? '',
    e.actor?.id ?? '',
    e.subject?.type ?? '',
    e.subject?.id ?? '',
    e.subject?.label ?? '',
    e.reason ?? '',
    json(e.before),
    json(e.after),
    e.ip ?? '',
    e.userAgent ?? '',
    e.requestId ?? '',
    e.id,
  ];
}

// escapeFormulae: a cell starting with = + - @ is prefixed so a spreadsheet shows it instead of running it.
const csvLines = (rows: unknown[][]) => Papa.unparse(rows, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';

export type ExportFormat = 'csv' | 'jsonl';

/**
 * Validates the view and records the export (who took which view of the log is itself security
 * information); returns the stream of its lines. Bad filters fail here, before any byte is sent.
 */
export async function exportAuditEvents(ctx: RequestContext, query: AuditFilterQuery, format: ExportFormat): Promise<AsyncGenerator<string>> {
  // The view as it stands when the export starts: later events (this export's own record among them) stay out.
  const end = new Date(ctx.deps.clock().getTime() + 1).toISOString();
  const filter = filterOf(query);
  if (!filter.to || filter.to > end) filter.to = end;
  filter.excludeId = await ctx.deps.db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, ctx, { action: 'audit.exported', category: 'admin', risk: 'medium', after: { format, view: { ...query, format: undefined } } }),
    );
  const db = await readDbOf(ctx);
  return (async function* lines() {
    if (format === 'csv') yield csvLines([CSV_COLUMNS]);
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const rows = await listAuditRows(db, ctx.organizationId, { ...filter, after }, BATCH);
      if (rows.length === 0) return;
      const events = rows.map((row) => auditRowToEvent(row));
      yield format === 'csv' ? csvLines(events.map(csvRow)) : events.map((e) => JSON.stringify(e)).join('\n') + '\n';
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.created_at, id: last.id };
    }
  })();
}
