import { useRef, useState } from 'react';
import { BULK_JOB_THRESHOLD } from '../../../../contracts/bulk-jobs';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { t } from '../../../shared/i18n';
import { chunk, parseInviteCsv, resolveRoles, type CsvRow, type PreparedRow, type RowResult } from '../csv';
import { useChunkedInviteSend } from './useChunkedInviteSend';
import { useCsvInviteJob } from './useCsvInviteJob';
import { useInviteLookups } from './useInviteLookups';

const CHUNK_SIZE = 100;

/**
 * The state of one CSV upload: the file read and checked in the browser (rows ready, rows rejected
 * here), then sent 100 rows at a time, each chunk with its own Idempotency-Key and up to three tries,
 * with progress, results and the chunks left unsent for "Retry unsent rows". A file of more than
 * 1,000 rows is sent whole, once, and runs on the server as a bulk job instead.
 */
export function useCsvInviteUpload() {
  const lookups = useInviteLookups();
  const [file, setFile] = useState<File | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [rows, setRows] = useState<CsvRow[]>([]);
  const [ready, setReady] = useState<PreparedRow[]>([]);
  const [localRejected, setLocalRejected] = useState<RowResult[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const { running, done, results, failedChunks, sendFrom, retryUnsent, clear } = useChunkedInviteSend(reason);
  const runId = useRef(crypto.randomUUID());
  const job = useCsvInviteJob();

  const total = ready.length + localRejected.length;
  const asJob = rows.length > BULK_JOB_THRESHOLD;

  async function onFile(selected: File | null) {
    setFile(selected);
    clear();
    setParseError(null);
    setRows([]);
    setReady([]);
    setLocalRejected([]);
    if (!selected) return;
    runId.current = crypto.randomUUID();
    const parsed = parseInviteCsv(await selected.text());
    if (parsed.error) return setParseError(parsed.error);
    if (parsed.rows.length === 0) return setParseError(t('csv.error.noRows'));
    setRows(parsed.rows);
    const resolved = resolveRoles(parsed.rows, lookups.roles, lookups.defaultRole?.id, lookups.roleChoices.reasonFor);
    setReady(resolved.ready);
    setLocalRejected(resolved.rejected);
  }

  function start() {
    if (lookups.reasonRequired && !reason.trim()) return setReasonError(REASON_MISSING);
    setReasonError(null);
    if (asJob) return job.start.mutate({ rows, fileName: file?.name ?? 'CSV file', reason, idempotencyKey: runId.current });
    const chunks = chunk(ready, CHUNK_SIZE).map((part, i) => ({ key: `${runId.current}-${i}`, rows: part }));
    sendFrom(chunks, [...localRejected]);
  }

  const progress = total ? Math.round((done / total) * 100) : 0;

  return {
    lookups,
    file,
    parseError,
    ready,
    localRejected,
    reason,
    setReason,
    reasonError,
    running,
    done,
    results,
    failedChunks,
    total,
    progress,
    asJob,
    job,
    onFile,
    start,
    retryUnsent,
  };
}

export type CsvInviteUpload = ReturnType<typeof useCsvInviteUpload>;
