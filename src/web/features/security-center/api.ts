import { apiErrorOf, withQuery } from '../../shared/api';
import { call, type Answer } from '../../shared/client';
import type { EventsView } from './view';

export type AuditPage = Answer<'/api/audit-events', 'get'>;

function query(view: EventsView): Record<string, string | undefined> {
  const { q, actor, subject, category, risk, from, to, sort, scope } = view;
  // Dates in the URL are days (YYYY-MM-DD, the viewer's calendar); the API wants instants. "to" includes its whole day.
  const start = from ? new Date(`${from}T00:00:00`).toISOString() : undefined;
  const end = to ? new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  return { q, actor, subject, category, risk, from: start, to: end, sort, scope };
}

export function fetchAuditEvents(view: EventsView, cursor: string | null): Promise<AuditPage> {
  return call('get', '/api/audit-events', { query: { ...query(view), limit: 50, cursor: cursor ?? undefined } });
}

export function fetchRestorableUsers(cursor?: string) {
  return call('get', '/api/deleted-users/restorable', { query: { cursor } });
}

export type ExportFormat = 'csv' | 'jsonl';

/**
 * Downloads the view's export, reading the streamed answer chunk by chunk so the console can show how
 * much has arrived (rows counted by line ends). Resolves to the file's Blob.
 */
export async function downloadExport(view: EventsView, format: ExportFormat, onProgress: (p: { bytes: number; rows: number }) => void): Promise<Blob> {
  const response = await fetch(withQuery('/api/audit-events/export', { ...query(view), format }), { credentials: 'same-origin' });
  if (!response.ok || !response.body) throw apiErrorOf(response, await response.json().catch(() => null));
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
    onProgress({ bytes, rows: format === 'csv' ? Math.max(0, lines - 1) : lines });
  }
  return new Blob(parts as BlobPart[], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
}

export function verifyAuditChain() {
  return call('get', '/api/security/audit/verify');
}
