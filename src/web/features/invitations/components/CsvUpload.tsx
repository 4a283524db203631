import { Alert, Button, Code, FileInput, Group, Progress, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconDownload, IconFileTypeCsv, IconInfoCircle } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { InviteOutcome } from '../../../../contracts/invitations';
import { errorMessage } from '../../../shared/api';
import { invite } from '../api';
import { chunk, downloadText, parseInviteCsv, resolveRoles, resultsCsv, toRowResult, type PreparedRow, type RowResult } from '../csv';
import { useInvalidateAfterInvite } from './InviteDialog';
import { summarize } from './InviteResultsList';
import { OutcomeBadge } from './OutcomeBadge';
import { useInviteLookups } from './useInviteLookups';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';

const CHUNK_SIZE = 100;
const ATTEMPTS = 3;
const SHOWN_ROWS = 500;

interface PendingChunk {
  key: string;
  rows: PreparedRow[];
}

/** CSV upload of many invitations: parsed in the browser, sent 100 rows at a time, each chunk with its own Idempotency-Key. */
export function CsvUpload({ onClose }: { onClose: () => void }) {
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
  const [filter, setFilter] = useState<'all' | InviteOutcome>('all');
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
          c.rows.forEach((row, i) => collected.push(toRowResult(row, response.results[i])));
          lastError = null;
          break;
        } catch (error) {
          lastError = error;
          // A 4xx will answer the same way again.
          if (error instanceof Error && 'status' in error && (error as { status: number }).status < 500) break;
          await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
        }
      }
      if (lastError) {
        failed.push(c);
        c.rows.forEach((row) => collected.push({ line: row.line, email: row.email, outcome: 'rejected', message: `Not sent: ${errorMessage(lastError)} Use "Retry unsent rows".` }));
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
  const shown = (results ?? []).filter((r) => filter === 'all' || r.outcome === filter).sort((a, b) => a.line - b.line);

  return (
    <Stack>
      {!results && (
        <>
          <FileInput
            label="CSV file"
            description={<>Columns <Code>email</Code>, <Code>role</Code>, <Code>group</Code>, <Code>name</Code> (only email is required). Role is a role name such as Member; empty means Member.</>}
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={16} />}
            value={file}
            onChange={(f) => void onFile(f)}
            clearable
            error={parseError}
          />
          {total > 0 && (
            <Alert color={localRejected.length ? 'yellow' : 'blue'} icon={<IconInfoCircle size={18} />}>
              {total.toLocaleString()} rows read: {ready.length.toLocaleString()} ready to send
              {localRejected.length > 0 && `, ${localRejected.length.toLocaleString()} rejected here (shown in the results)`}.
            </Alert>
          )}
          {lookups.reasonRequired && (
            <Textarea label="Business reason" withAsterisk description="Kept in the audit log with every change." value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} autosize minRows={2} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button onClick={start} disabled={total === 0}>
              {ready.length > 0 ? `Invite ${ready.length.toLocaleString()} ${ready.length === 1 ? 'person' : 'people'}` : 'Show results'}
            </Button>
          </Group>
        </>
      )}

      {results && (
        <>
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={500}>{running ? 'Sending invitations…' : 'Finished'}</Text>
              <Text size="sm" c="dimmed">{done.toLocaleString()} of {total.toLocaleString()} rows</Text>
            </Group>
            <Progress value={progress} animated={running} size="lg" aria-label="Upload progress" />
          </div>
          <Group justify="space-between" wrap="wrap">
            <Text fw={600} size="sm">{summarize(results.map((r) => r.outcome))}</Text>
            <SegmentedControl
              size="xs"
              value={filter}
              onChange={(v) => setFilter(v as typeof filter)}
              data={['all', 'invited', 'updated', 'renewed', 'unchanged', 'rejected'].map((v) => ({ value: v, label: v === 'all' ? 'All' : v[0]!.toUpperCase() + v.slice(1) }))}
            />
          </Group>
          <Table.ScrollContainer minWidth={600} maxHeight={340}>
            <Table stickyHeader striped verticalSpacing={6} aria-label="Upload results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>Row</Table.Th>
                  <Table.Th w="34%">Email</Table.Th>
                  <Table.Th w={110}>Result</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.slice(0, SHOWN_ROWS).map((r) => (
                  <Table.Tr key={r.line}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{r.email || '—'}</Text></Table.Td>
                    <Table.Td><OutcomeBadge outcome={r.outcome} /></Table.Td>
                    <Table.Td><Text size="sm">{r.message}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {shown.length > SHOWN_ROWS && <Text size="xs" c="dimmed">Showing the first {SHOWN_ROWS} of {shown.length.toLocaleString()}; the downloaded file has every row.</Text>}
          <Group justify="space-between">
            <Button variant="light" leftSection={<IconDownload size={16} />} disabled={running} onClick={() => downloadText('invitation-results.csv', resultsCsv(results))}>
              Download results
            </Button>
            <Group gap="xs">
              {failedChunks.length > 0 && !running && <Button variant="light" color="orange" onClick={retryUnsent}>Retry unsent rows</Button>}
              <Button onClick={onClose} disabled={running}>Done</Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}
