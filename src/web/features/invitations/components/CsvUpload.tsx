import { Stack } from '@mantine/core';
import { useCsvInviteUpload } from '../hooks/useCsvInviteUpload';
import { CsvFileStep } from './CsvFileStep';
import { CsvJobProgress } from './CsvJobProgress';
import { CsvUploadResults } from './CsvUploadResults';

/**
 * CSV upload of many invitations: parsed in the browser, sent 100 rows at a time, each chunk with its
 * own Idempotency-Key; a file of more than 1,000 rows runs as a server-side job, followed here.
 */
export function CsvUpload({ onClose }: { onClose: () => void }) {
  const upload = useCsvInviteUpload();
  if (upload.job.jobId) return <CsvJobProgress jobId={upload.job.jobId} onAnotherFile={upload.job.forget} onClose={onClose} />;
  return (
    <Stack>
      {!upload.results && <CsvFileStep upload={upload} onClose={onClose} />}
      {upload.results && <CsvUploadResults upload={upload} results={upload.results} onClose={onClose} />}
    </Stack>
  );
}
