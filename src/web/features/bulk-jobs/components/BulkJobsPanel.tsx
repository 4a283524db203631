import { Alert, Button, Card, Group, List, Loader, Modal, Progress, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import type { BulkJob } from '../../../../contracts/bulk-jobs';
import { errorMessage } from '../../../shared/api';
import { formatDate, formatNumber, fromNow, plural } from '../../../shared/format';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { isActive, useBulkJobActions, useBulkJobDetail, useBulkJobs } from '../hooks/useBulkJobs';

const ACTIONS: Record<BulkJob['kind'], string> = {
  assign_role: 'Assign role',
  add_to_group: 'Add to group',
  remove_from_group: 'Remove from group',
  deactivate: 'Deactivate users',
  invite_csv: 'Invite from',
  undo: 'Undo of',
};

const STATUS: Record<BulkJob['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  done: { label: 'Done', color: 'green' },
  cancelled: { label: 'Cancelled', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
};

export const jobTitle = (job: BulkJob) => (job.kind === 'deactivate' ? ACTIONS.deactivate : `${ACTIONS[job.kind]} “${job.target.name}”`);

/** What a job counts: CSV rows it invites, or users it changes. */
function countsOf(job: BulkJob): string {
  if (job.kind === 'invite_csv')
    return `${formatNumber(job.processed)} of ${plural(job.total, 'row', 'rows')} processed · ${formatNumber(job.changed)} invited or updated`;
  return `${formatNumber(job.processed)} of ${plural(job.total, 'user', 'users')} processed · ${formatNumber(job.changed)} changed`;
}

/**
 * The Users page's recent bulk jobs: live progress with Cancel while one runs, the outcome with the
 * users it skipped, and Undo while a role or group job can still be undone (30 days). Hidden until
 * the organization has run a job.
 */
export function BulkJobsPanel() {
  const jobs = useBulkJobs();
  const [details, setDetails] = useState<string | null>(null);
  const items = jobs.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="bulk-jobs-title">
      <Title order={2} size="h4" id="bulk-jobs-title" mb="xs">
        Bulk jobs
      </Title>
      <Stack gap="sm">
        {items.map((job) => (
          <JobRow key={job.id} job={job} onDetails={() => setDetails(job.id)} />
        ))}
      </Stack>
      {details && <SkippedModal id={details} onClose={() => setDetails(null)} />}
    </Card>
  );
}

function JobRow({ job, onDetails }: { job: BulkJob; onDetails: () => void }) {
  const { cancel, undo } = useBulkJobActions();
  const status = STATUS[job.status];
  const percent = job.total === 0 ? 100 : Math.round((job.processed / job.total) * 100);
  const error = cancel.error ?? undo.error;
  return (
    <div data-testid="bulk-job" aria-label={jobTitle(job)} role="group">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {jobTitle(job)}
          </Text>
          <SoftBadge color={status.color} size="sm">
            {job.cancelRequested && isActive(job) ? 'Stopping' : status.label}
          </SoftBadge>
        </Group>
        <Group gap="xs">
          {isActive(job) && !job.cancelRequested && (
            <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} loading={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
              Cancel
            </Button>
          )}
          {job.undoableUntil && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              loading={undo.isPending}
              onClick={() => undo.mutate(job.id)}
              title={`Restores the previous values; possible until ${formatDate(job.undoableUntil)}`}
            >
              Undo
            </Button>
          )}
        </Group>
      </Group>
      {isActive(job) && <Progress value={percent} mt={6} aria-label={`${jobTitle(job)}: ${percent}% done`} />}
      <Text size="xs" c="dimmed" mt={4}>
        {countsOf(job)}
        {job.skipped > 0 && <> · {formatNumber(job.skipped)} skipped </>}
        {job.skipped > 0 && (
          <Button variant="subtle" size="compact-xs" onClick={onDetails}>
            {job.kind === 'invite_csv' ? 'See which' : 'See who'}
          </Button>
        )}
        {' · '}started {fromNow(job.createdAt)} by {job.startedBy.label}
        {job.undoneBy && ' · undone'}
        {job.lastError && ` · ${job.lastError}`}
        {job.kind === 'invite_csv' && ' · Undo does not apply to invitations: revoke them on the Invitations page.'}
      </Text>
      {error && (
        <Alert color="red" mt={4} p="xs">
          {errorMessage(error)}
        </Alert>
      )}
    </div>
  );
}

function SkippedModal({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useBulkJobDetail(id);
  return (
    <Modal opened onClose={onClose} title={detail.data?.kind === 'invite_csv' ? 'Skipped rows' : 'Skipped users'} size="lg">
      {detail.isLoading ? (
        <Loader size="sm" />
      ) : detail.isError ? (
        <Alert color="red">{errorMessage(detail.error)}</Alert>
      ) : (
        <Stack>
          <List size="sm" spacing={4}>
            {detail.data!.failures.map((f) => (
              <List.Item key={`${f.line ?? ''}${f.userId}${f.code}`}>
                {f.line !== undefined && `Row ${f.line} · `}
                <b>{f.email || f.userId || '—'}</b>: {f.message}
              </List.Item>
            ))}
          </List>
          {detail.data!.skipped > detail.data!.failures.length && (
            <Text size="xs" c="dimmed">
              The first {detail.data!.failures.length} of {formatNumber(detail.data!.skipped)} are shown.
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
