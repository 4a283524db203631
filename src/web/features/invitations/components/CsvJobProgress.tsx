import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconPlayerStop } from '@tabler/icons-react';
import type { BulkJob, BulkJobDetail } from '../../../../contracts/bulk-jobs';
import { errorMessage } from '../../../shared/api';
import { formatNumber } from '../../../shared/format';
import { inviteJobResultsUrl, isActive, useBulkJobActions, useLiveBulkJob } from '../../bulk-jobs';
import type { RowResult } from '../csv';
import { CsvResultsTable } from './CsvResultsTable';
import { CsvUploadProgress } from './CsvUploadProgress';

const LABELS: Record<BulkJob['status'], string> = {
  queued: 'Queued: starting soon…',
  running: 'Sending invitations…',
  done: 'Finished',
  cancelled: 'Cancelled',
  failed: 'Stopped with an error',
};

function labelOf(job: BulkJob): string {
  return job.cancelRequested && isActive(job) ? 'Stopping after the rows in flight…' : LABELS[job.status];
}

function summaryOf(job: BulkJobDetail): string {
  const unchanged = job.processed - job.changed - job.skipped;
  const parts = [`${formatNumber(job.changed)} invited or updated`];
  if (unchanged > 0) parts.push(`${formatNumber(unchanged)} unchanged`);
  parts.push(`${formatNumber(job.skipped)} rejected`);
  return parts.join(' · ');
}

/**
 * A CSV import running as a server-side job: live progress (polled; the same after a reload), Cancel
 * while it runs, and the rows it rejected, with why. Invitations are not undone: revoked instead.
 */
export function CsvJobProgress({ jobId, onAnotherFile, onClose }: { jobId: string; onAnotherFile: () => void; onClose: () => void }) {
  const job = useLiveBulkJob(jobId);
  const { cancel } = useBulkJobActions();
  if (job.isLoading) return <Loader size="sm" aria-label="Loading the import" />;
  if (job.isError || !job.data) {
    return (
      <Stack>
        <Alert color="red">{errorMessage(job.error)}</Alert>
        <Group justify="flex-end">
          <Button onClick={onAnotherFile}>Upload another file</Button>
        </Group>
      </Stack>
    );
  }
  const data = job.data;
  const active = isActive(data);
  const percent = data.total === 0 ? 100 : Math.round((data.processed / data.total) * 100);
  const rejected: RowResult[] = data.failures.map((f) => ({ line: f.line ?? 0, email: f.email ?? '', outcome: 'rejected', message: f.message }));
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Import of “{data.target.name}”, started by {data.startedBy.label}
      </Text>
      <CsvUploadProgress running={active} done={data.processed} total={data.total} progress={percent} label={labelOf(data)} />
      <Text fw={600} size="sm">
        {summaryOf(data)}
      </Text>
      <Alert color="blue" icon={<IconInfoCircle size={18} />}>
        {active && 'The server runs this import: you can close this dialog or reload the page, and follow it here or under Bulk jobs on the Users page. '}
        Undo does not apply to invitations: revoke them on the Invitations page.
      </Alert>
      {data.lastError && <Alert color="red">{data.lastError}</Alert>}
      {rejected.length > 0 && <CsvResultsTable rows={rejected} label="Rejected rows" />}
      {data.skipped > rejected.length && (
        <Text size="xs" c="dimmed">
          The first {formatNumber(rejected.length)} of {formatNumber(data.skipped)} rejected rows are shown.
        </Text>
      )}
      {cancel.isError && <Alert color="red">{errorMessage(cancel.error)}</Alert>}
      <Group justify="space-between">
        {active && !data.cancelRequested ? (
          <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} loading={cancel.isPending} onClick={() => cancel.mutate(data.id)}>
            Cancel import
          </Button>
        ) : (
          <Group gap="xs">
            <Button
              variant="default"
              component="a"
              href={inviteJobResultsUrl(data.id)}
              download="invitation-results.csv"
              leftSection={<IconDownload size={16} />}
            >
              Download results
            </Button>
            <Button variant="default" onClick={onAnotherFile} disabled={active}>
              Upload another file
            </Button>
          </Group>
        )}
        <Button
          onClick={() => {
            // A finished import is put away; a running one stays, to show again when the tab is reopened.
            if (!active) onAnotherFile();
            onClose();
          }}
        >
          {active ? 'Close' : 'Done'}
        </Button>
      </Group>
    </Stack>
  );
}
