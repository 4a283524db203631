import { Group, Progress, Text } from '@mantine/core';
import { formatNumber } from '../../../shared/format';
import { t } from '../../../shared/i18n';

interface Props {
  running: boolean;
  done: number;
  total: number;
  progress: number;
  /** Instead of "Sending invitations…" / "Finished" (a job: "Queued", "Stopping…", "Cancelled"). */
  label?: string;
}

/** "Sending invitations…" or "Finished", rows done of the total, and the progress bar. */
export function CsvUploadProgress({ running, done, total, progress, label }: Props) {
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500}>
          {label ?? t(running ? 'csv.sending' : 'csv.finished')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('csv.progress', { done: formatNumber(done), count: total })}
        </Text>
      </Group>
      <Progress value={progress} animated={running} size="lg" aria-label={t('csv.progressLabel')} />
    </div>
  );
}
