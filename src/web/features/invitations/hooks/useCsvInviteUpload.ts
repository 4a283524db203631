import { useRef, useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { invite } from '../api';
import { chunk, parseInviteCsv, resolveRoles, toRowResult, type PreparedRow, type RowResult } from '../csv';
import { useInvalidateAfterInvite } from './useInvalidateAfterInvite';
import { useInviteLookups } from './useInviteLookups';

const CHUNK_SIZE = 100;
const ATTEMPTS = 3;

interface PendingChunk {
  key: string;
  rows: PreparedRow[];
}

/** Sends one chunk, trying up to three times; what each row became, or the error of the last try. */
async function inviteChunk(c: PendingChunk, reason: string): Promise<{ rows: RowResult[] } | { error: unknown }> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      // The same key on every attempt: if the first try reached the server, the retry is a replay, not a second invite.
      const response = await invite(
        {
          entries: c.rows.map((r) => ({ email: r.email, roleId: r.roleId, group: r.group || undefined, name: r.name || undefined })),
          reason: reason.trim() || undefined,
        },
        c.key,
      );
      return { rows: c.rows.map((row, i) => toRowResult(row, response.results[i])) };
    } catch (error) {
      lastError = error;
      // A 4xx will answer the same way again.
      if (error instanceof Error && 'status' in error && (error as { status: number }).status < 500) break;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }
  return { error: lastError };
}

/**
 * The state of one CSV upload: the file read and checked in the browser (rows ready, rows rejected
 * here), then sent 100 rows at a time, each chunk with its own Idempotency-Key and up to three tries,
 * with progress, results and the chunks left unsent for "Retry unsent rows".
 */
export function useCsvInviteUpload() {
  const lookups = useInviteLookups();
  const invalidate = useInvalidateAfterInvite();
  const [file, setFile] = useState<File | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [ready, setReady] = useState<PreparedRow[]>([]);
  const [localRejected, setLocalRejected] = useState<RowResult[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [failedChunks, setFailedChunks] = useState<PendingChunk[]>([]);
  const runId = useRef(crypto.randomUUID());

  async function onFile(selected: File | null) {
    setFile(selected);
    setResults(null);
    setFailedChunks([]);
    setParseError(null);
    setReady([]);
    setLocalRejected([]);
    if (!selected) return;
    runId.current = crypto.randomUUID();
    const parsed = parseInviteCsv(await selected.text());
    if (parsed.error) return setParseError(parsed.error);
    if (parsed.rows.length === 0) return setParseError('The file has a header but no rows.');
    const resolved = resolveRoles(parsed.rows, lookups.roles, lookups.defaultRole?.id, lookups.roleChoices.reasonFor);
    setReady(resolved.ready);
    setLocalRejected(resolved.rejected);
  }

  async function send(chunks: PendingChunk[], previous: RowResult[]) {
    setRunning(true);
    const collected = [...previous];
    const failed: PendingChunk[] = [];
    for (const c of chunks) {
      const sent = await inviteChunk(c, reason);
      if ('rows' in sent) collected.push(...sent.rows);
      else {
        failed.push(c);
        c.rows.forEach((row) =>
          collected.push({ line: row.line, email: row.email, outcome: 'rejected', message: `Not sent: ${errorMessage(sent.error)} Use "Retry unsent rows".` }),
        );
      }
      setDone((d) => d + c.rows.length);
      setResults([...collected]);
    }
    setFailedChunks(failed);
    setRunning(false);
    invalidate();
  }

  function start() {
    if (lookups.reasonRequired && !reason.trim()) return setReasonError(REASON_MISSING);
    setReasonError(null);
    const chunks = chunk(ready, CHUNK_SIZE).map((rows, i) => ({ key: `${runId.current}-${i}`, rows }));
    setDone(localRejected.length);
    void send(chunks, [...localRejected]);
  }

  function retryUnsent() {
    const unsent = new Set(failedChunks.flatMap((c) => c.rows.map((r) => r.line)));
    const kept = (results ?? []).filter((r) => !unsent.has(r.line));
    setDone(kept.length);
    void send(failedChunks, kept);
  }

  const total = ready.length + localRejected.length;
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
    onFile,
    start,
    retryUnsent,
  };
}

export type CsvInviteUpload = ReturnType<typeof useCsvInviteUpload>;
