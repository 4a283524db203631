import { Alert, Button, Code, FileInput, Group, Textarea } from '@mantine/core';
import { IconFileTypeCsv, IconInfoCircle } from '@tabler/icons-react';
import type { CsvInviteUpload } from '../hooks/useCsvInviteUpload';
import { BULK_JOB_THRESHOLD } from '../../../../contracts/bulk-jobs';
import { errorMessage } from '../../../shared/api';
import { formatNumber } from '../../../shared/format';
import { t, tRich } from '../../../shared/i18n';

/** Before sending: the file, what was read from it, the business reason, and the button that sends. */
export function CsvFileStep({ upload, onClose }: { upload: CsvInviteUpload; onClose: () => void }) {
  const { lookups, file, parseError, ready, localRejected, reason, setReason, reasonError, total, asJob, job, onFile, start } = upload;
  return (
    <>
      <FileInput
        label={t('csv.file')}
        description={
          <>
            {tRich('csv.columns', {
              email: <Code translate="no">email</Code>,
              role: <Code translate="no">role</Code>,
              group: <Code translate="no">group</Code>,
              name: <Code translate="no">name</Code>,
            })}
          </>
        }
        placeholder={t('csv.choose')}
        accept=".csv,text/csv"
        leftSection={<IconFileTypeCsv size={16} />}
        value={file}
        onChange={(f) => void onFile(f)}
        clearable
        error={parseError}
      />
      {total > 0 && (
        <Alert color={localRejected.length ? 'yellow' : 'blue'} icon={<IconInfoCircle size={18} />}>
          {t('csv.read', { count: total, ready: formatNumber(ready.length) })}
          {localRejected.length > 0 && t('csv.rejectedHere', { count: formatNumber(localRejected.length) })}.
        </Alert>
      )}
      {asJob && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title={t('csv.asJob.title')}>
          {t('csv.asJob.text', { threshold: formatNumber(BULK_JOB_THRESHOLD) })}
        </Alert>
      )}
      {job.start.isError && (
        <Alert color="red" title={t('csv.notStarted')}>
          {errorMessage(job.start.error)}
        </Alert>
      )}
      {lookups.reasonRequired && (
        <Textarea
          label={t('reason.label')}
          withAsterisk
          description={t('csv.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          autosize
          minRows={2}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={start} disabled={total === 0} loading={job.start.isPending}>
          {asJob ? t('csv.startImport', { count: total }) : ready.length > 0 ? t('csv.invite', { count: ready.length }) : t('csv.showResults')}
        </Button>
      </Group>
    </>
  );
}
