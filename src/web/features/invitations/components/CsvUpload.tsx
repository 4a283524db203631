import { Stack } from '@mantine/core';
import { useCsvInviteUpload } from '../hooks/useCsvInviteUpload';
import { CsvFileStep } from './CsvFileStep';
import { CsvUploadResults } from './CsvUploadResults';

/** CSV upload of many invitations: parsed in the browser, sent 100 rows at a time, each chunk with its own Idempotency-Key. */
export function CsvUpload({ onClose }: { onClose: () => void }) {
  const upload = useCsvInviteUpload();
  return (
    <Stack>
      {!upload.results && <CsvFileStep upload={upload} onClose={onClose} />}
      {upload.results && <CsvUploadResults upload={upload} results={upload.results} onClose={onClose} />}
    </Stack>
  );
}
