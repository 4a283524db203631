import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { InviteOutcome } from '../../../../contracts/invitations';
import { downloadText, resultsCsv, type RowResult } from '../csv';
import type { CsvInviteUpload } from '../hooks/useCsvInviteUpload';
import { summarize } from './InviteResultsList';
import { CsvResultsTable } from './CsvResultsTable';
import { CsvUploadProgress } from './CsvUploadProgress';
import { formatNumber } from '../../../shared/format';
import { t } from '../../../shared/i18n';

const SHOWN_ROWS = 500;

/** While and after sending: progress, a summary, the rows filtered by outcome, download and retry. */
export function CsvUploadResults({ upload, results, onClose }: { upload: CsvInviteUpload; results: RowResult[]; onClose: () => void }) {
  const { running, done, total, progress, failedChunks, retryUnsent } = upload;
  const [filter, setFilter] = useState<'all' | InviteOutcome>('all');
  const shown = results.filter((r) => filter === 'all' || r.outcome === filter).sort((a, b) => a.line - b.line);
  return (
    <>
      <CsvUploadProgress running={running} done={done} total={total} progress={progress} />
      <Group justify="space-between" wrap="wrap">
        <Text fw={600} size="sm">
          {summarize(results.map((r) => r.outcome))}
        </Text>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          data={['all', 'invited', 'updated', 'renewed', 'unchanged', 'rejected'].map((v) => ({
            value: v,
            label: t(`csv.filter.${v as 'all' | InviteOutcome}`),
          }))}
        />
      </Group>
      <CsvResultsTable rows={shown.slice(0, SHOWN_ROWS)} />
      {shown.length > SHOWN_ROWS && (
        <Text size="xs" c="dimmed">
          {t('csv.showingFirst', { shown: SHOWN_ROWS, total: formatNumber(shown.length) })}
        </Text>
      )}
      <Group justify="space-between">
        <Button
          variant="light"
          leftSection={<IconDownload size={16} />}
          disabled={running}
          onClick={() => downloadText('invitation-results.csv', resultsCsv(results))}
        >
          {t('csv.download')}
        </Button>
        <Group gap="xs">
          {failedChunks.length > 0 && !running && (
            <Button variant="light" color="orange" onClick={retryUnsent}>
              {t('csv.retry')}
            </Button>
          )}
          <Button onClick={onClose} disabled={running}>
            {t('inviteMany.done')}
          </Button>
        </Group>
      </Group>
    </>
  );
}
