import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconPlayerStop } from '@tabler/icons-react';
import type { BulkJob, BulkJobDetail } from '../../../../contracts/bulk-jobs';
import { errorMessage } from '../../../shared/api';
import { formatNumber } from '../../../shared/format';
import { inviteJobResultsUrl, isActive, jobStopText, skipReasonText, useBulkJobActions, useLiveBulkJob } from '../../bulk-jobs';
import type { RowResult } from '../csv';
import { CsvResultsTable } from './CsvResultsTable';
import { CsvUploadProgress } from './CsvUploadProgress';
import { t } from '../../../shared/i18n';

function labelOf(job: BulkJob): string {
  return job.cancelRequested && isActive(job) ? t('csvJob.stopping') : t(`csvJob.${job.status}`);
}

function summaryOf(job: BulkJobDetail): string {
  const unchanged = job.processed - job.changed - job.skipped;
  const parts = [t('csvJob.invitedOrUpdated', { count: formatNumber(job.changed) })];
  if (unchanged > 0) parts.push(t('csvJob.unchanged', { count: formatNumber(unchanged) }));
  parts.push(t('csvJob.rejected', { count: formatNumber(job.skipped) }));
  return parts.join(' · ');
}

/**
 * A CSV import running as a server-side job: live progress (polled; the same after a reload), Cancel
 * while it runs, and the rows it rejected, with why. Invitations are not undone: revoked instead.
 */
export function CsvJobProgress({ jobId, onAnotherFile, onClose }: { jobId: string; onAnotherFile: () => void; onClose: () => void }) {
  const job = useLiveBulkJob(jobId);
  const { cancel } = useBulkJobActions();
  if (job.isLoading) return <Loader size="sm" aria-label={t('csvJob.loading')} />;
  if (job.isError || !job.data) {
    return (
      <Stack>
        <Alert color="red">{errorMessage(job.error)}</Alert>
        <Group justify="flex-end">
          <Button onClick={onAnotherFile}>{t('csvJob.another')}</Button>
        </Group>
      </Stack>
    );
  }
  const data = job.data;
  const active = isActive(data);
  const percent = data.total === 0 ? 100 : Math.round((data.processed / data.total) * 100);
  const rejected: RowResult[] = data.failures.map((f) => ({ line: f.line ?? 0, email: f.email ?? '', outcome: 'rejected', message: skipReasonText(f) }));
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('csvJob.startedBy', { file: data.target.name, by: data.startedBy.label })}
      </Text>
      <CsvUploadProgress running={active} done={data.processed} total={data.total} progress={percent} label={labelOf(data)} />
      <Text fw={600} size="sm">
        {summaryOf(data)}
      </Text>
      <Alert color="blue" icon={<IconInfoCircle size={18} />}>
        {active && t('csvJob.serverRuns')}
        {t('csvJob.noUndo')}
      </Alert>
      {data.lastError && <Alert color="red">{jobStopText(data)}</Alert>}
      {rejected.length > 0 && <CsvResultsTable rows={rejected} label={t('csvJob.rejectedRows')} />}
      {data.skipped > rejected.length && (
        <Text size="xs" c="dimmed">
          {t('csvJob.firstRejected', { shown: formatNumber(rejected.length), total: formatNumber(data.skipped) })}
        </Text>
      )}
      {cancel.isError && <Alert color="red">{errorMessage(cancel.error)}</Alert>}
      <Group justify="space-between">
        {active && !data.cancelRequested ? (
          <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} loading={cancel.isPending} onClick={() => cancel.mutate(data.id)}>
            {t('csvJob.cancel')}
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
              {t('csv.download')}
            </Button>
            <Button variant="default" onClick={onAnotherFile} disabled={active}>
              {t('csvJob.another')}
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
          {t(active ? 'csvJob.close' : 'inviteMany.done')}
        </Button>
      </Group>
    </Stack>
  );
}
