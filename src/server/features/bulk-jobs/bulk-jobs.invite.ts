import Papa from 'papaparse';
import type { BulkJob, StartInviteJobBody } from '../../../contracts/bulk-jobs.js';
import { FORMULA_CELL } from '../../../contracts/csv.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { inviteCsvRows, markDuplicateRows, prepareCsvInvitations, type CsvInviteJobRow } from '../invitations/index.js';
import { BULK_JOBS_ERRORS } from './bulk-jobs.errors.js';
import { itemsAfter, type ItemOutcome } from './bulk-jobs.repository.js';
import { queueJob, requireJob, toBulkJob } from './bulk-jobs.service.js';
import type { BulkJobItemRow, BulkJobRow } from './bulk-jobs.table.js';

type Ctx = RequestContext & { actor: Actor };

/**
 * Queues a CSV import as a job: the rows stored in file order, an address repeated in the file
 * marked to be reported as a duplicate. The reason is required here when the organization requires
 * one, and the passkey check asked once when some row changes the role of someone with an account.
 */
export async function startInviteJob(ctx: Ctx, body: StartInviteJobBody): Promise<BulkJob> {
  const rows = markDuplicateRows(body.rows);
  await prepareCsvInvitations(ctx, rows);
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, body.reason);
    return queueJob(trx, ctx, {
      kind: 'invite_csv',
      target: { id: '', name: body.fileName?.trim() || 'CSV file' },
      reason,
      items: rows.map((r) => ({ userId: '', payload: JSON.stringify(r) })),
    });
  });
  return toBulkJob(row, ctx.deps.clock());
}

/**
 * A chunk of a CSV invitation job, through the invitations feature (each row invited, renewed or
 * its account updated as a single invitation is, audited and mailed through the outbox in `trx`):
 * what became of each row.
 */
export async function applyInviteChunk(trx: DbOrTrx, ctx: Ctx, job: BulkJobRow, items: readonly BulkJobItemRow[]): Promise<Map<number, ItemOutcome>> {
  const rows = items.map((item) => JSON.parse(item.payload ?? '{}') as CsvInviteJobRow);
  const results = await inviteCsvRows(trx, ctx, rows, job.reason);
  const outcomes = new Map<number, ItemOutcome>();
  items.forEach((item, i) => {
    const outcome = results[i];
    if (!outcome.ok) outcomes.set(item.seq, { status: 'skipped', errorCode: outcome.code, errorMessage: outcome.message, errorDetails: outcome.details });
    else if (outcome.result.outcome === 'unchanged') outcomes.set(item.seq, { status: 'unchanged', userId: outcome.result.userId });
    else outcomes.set(item.seq, { status: 'changed', beforeValue: outcome.result.outcome, userId: outcome.result.userId });
  });
  return outcomes;
}

const RESULT_PAGE = 1000;

/**
 * A CSV import's results file, as the console's file for a smaller import: one line per row of the
 * uploaded file (line, email, outcome, message); rows not reached yet are 'pending'. Emails and
 * messages echo the file, so a cell a spreadsheet would run as a formula is neutralised.
 */
export async function inviteJobResultsCsv(ctx: Ctx, id: string): Promise<string> {
  const job = await requireJob(ctx.deps.db, ctx.organizationId, id);
  if (job.kind !== 'invite_csv') throw fail(BULK_JOBS_ERRORS, 'BULK_JOB_NOT_FOUND', undefined, 'Only a CSV import has a results file.');
  const data: (string | number)[][] = [];
  for (let after = -1; ;) {
    const items = await itemsAfter(ctx.deps.db, job.id, after, RESULT_PAGE);
    for (const item of items) {
      const row = JSON.parse(item.payload ?? '{}') as CsvInviteJobRow;
      const outcome = item.status === 'changed' ? (item.before_value ?? 'invited') : item.status === 'skipped' ? 'rejected' : item.status;
      data.push([row.line, row.email, outcome, item.error_message ?? '']);
    }
    if (items.length < RESULT_PAGE) break;
    after = items[items.length - 1].seq;
  }
  return Papa.unparse({ fields: ['line', 'email', 'outcome', 'message'], data }, { escapeFormulae: FORMULA_CELL });
}
