import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { invite } from '../api';
import { toRowResult, type PreparedRow, type RowResult } from '../csv';
import { useInvalidateAfterInvite } from './useInvalidateAfterInvite';
import { t } from '../../../shared/i18n';

const ATTEMPTS = 3;

export interface PendingChunk {
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
 * Sends prepared rows chunk by chunk after the results already known, with progress (rows done),
 * the results so far, and the chunks that could not be sent, for "Retry unsent rows".
 */
export function useChunkedInviteSend(reason: string) {
  const invalidate = useInvalidateAfterInvite();
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [failedChunks, setFailedChunks] = useState<PendingChunk[]>([]);

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
          collected.push({ line: row.line, email: row.email, outcome: 'rejected', message: t('csv.reject.notSent', { error: errorMessage(sent.error) }) }),
        );
      }
      setDone((d) => d + c.rows.length);
      setResults([...collected]);
    }
    setFailedChunks(failed);
    setRunning(false);
    invalidate();
  }

  /** Counts the known results as done, then sends the chunks after them. */
  function sendFrom(chunks: PendingChunk[], previous: RowResult[]) {
    setDone(previous.length);
    void send(chunks, previous);
  }

  function retryUnsent() {
    const unsent = new Set(failedChunks.flatMap((c) => c.rows.map((r) => r.line)));
    const kept = (results ?? []).filter((r) => !unsent.has(r.line));
    sendFrom(failedChunks, kept);
  }

  /** Forgets the results and unsent chunks of an earlier file. */
  function clear() {
    setResults(null);
    setFailedChunks([]);
  }

  return { running, done, results, failedChunks, sendFrom, retryUnsent, clear };
}
