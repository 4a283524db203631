import { Alert, Button, Card, Group, List, Loader, Modal, Progress, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconPlayerStop } from '@tabler/icons-react';
import { useState } from 'react';
import type { BulkJob } from '../../../../contracts/bulk-jobs';
import { errorMessage } from '../../../shared/api';
import { formatDate, fromNow } from '../../../shared/format';
import { t, tRich } from '../../../shared/i18n';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { jobStopText, skipReasonText } from '../jobWords';
import { isActive, useBulkJobActions, useBulkJobDetail, useBulkJobs } from '../hooks/useBulkJobs';

const STATUS_COLOR: Record<BulkJob['status'], string> = { queued: 'gray', running: 'blue', done: 'green', cancelled: 'orange', failed: 'red' };

export const jobTitle = (job: BulkJob) =>
  job.kind === 'deactivate' ? t('bulkJobs.kind.deactivate') : t(`bulkJobs.kind.${job.kind}`, { target: job.target.name });

/** What a job counts: CSV rows it invites, or users it changes. */
function countsOf(job: BulkJob): string {
  const values = { processed: job.processed, count: job.total, changed: job.changed };
  return t(job.kind === 'invite_csv' ? 'bulkJobs.rows' : 'bulkJobs.users', values);
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
        {t('bulkJobs.title')}
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
  const percent = job.total === 0 ? 100 : Math.round((job.processed / job.total) * 100);
  const error = cancel.error ?? undo.error;
  return (
    <div data-testid="bulk-job" aria-label={jobTitle(job)} role="group">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {jobTitle(job)}
          </Text>
          <SoftBadge color={STATUS_COLOR[job.status]} size="sm">
            {t(job.cancelRequested && isActive(job) ? 'bulkJobs.status.stopping' : `bulkJobs.status.${job.status}`)}
          </SoftBadge>
        </Group>
        <Group gap="xs">
          {isActive(job) && !job.cancelRequested && (
            <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} loading={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
              {t('bulkJobs.cancel')}
            </Button>
          )}
          {job.undoableUntil && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconArrowBackUp size={14} />}
              loading={undo.isPending}
              onClick={() => undo.mutate(job.id)}
              title={t('bulkJobs.undoHint', { date: formatDate(job.undoableUntil) })}
            >
              {t('bulkJobs.undo')}
            </Button>
          )}
        </Group>
      </Group>
      {isActive(job) && <Progress value={percent} mt={6} aria-label={t('bulkJobs.progress', { title: jobTitle(job), percent })} />}
      <Text size="xs" c="dimmed" mt={4}>
        {countsOf(job)}
        {job.skipped > 0 && <> {t('bulkJobs.skipped', { count: job.skipped })} </>}
        {job.skipped > 0 && (
          <Button variant="subtle" size="compact-xs" onClick={onDetails}>
            {t(job.kind === 'invite_csv' ? 'bulkJobs.seeWhich' : 'bulkJobs.seeWho')}
          </Button>
        )}{' '}
        {tRich('bulkJobs.started', {
          when: <time dateTime={job.createdAt}>{fromNow(job.createdAt)}</time>,
          by: <span translate="no">{job.startedBy.label}</span>,
        })}
        {job.undoneBy && ` ${t('bulkJobs.undone')}`}
        {job.lastError && ` · ${jobStopText(job)}`}
        {job.kind === 'invite_csv' && ` ${t('bulkJobs.noUndo')}`}
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
    <Modal opened onClose={onClose} title={t(detail.data?.kind === 'invite_csv' ? 'bulkJobs.skippedRows' : 'bulkJobs.skippedUsers')} size="lg">
      {detail.isLoading ? (
        <Loader size="sm" />
      ) : detail.isError ? (
        <Alert color="red">{errorMessage(detail.error)}</Alert>
      ) : (
        <Stack>
          <List size="sm" spacing={4}>
            {detail.data!.failures.map((f) => (
              <List.Item key={`${f.line ?? ''}${f.userId}${f.code}`}>
                {f.line !== undefined && `${t('bulkJobs.row', { line: f.line })} `}
                <b translate="no">{f.email || f.userId || '—'}</b>: {skipReasonText(f)}
              </List.Item>
            ))}
          </List>
          {detail.data!.skipped > detail.data!.failures.length && (
            <Text size="xs" c="dimmed">
              {t('bulkJobs.firstShown', { shown: detail.data!.failures.length, count: detail.data!.skipped })}
            </Text>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
