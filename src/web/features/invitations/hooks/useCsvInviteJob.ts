import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { startInviteJob } from '../../bulk-jobs';
import type { CsvRow } from '../csv';

/** Where the CSV tab remembers the job it started, so a reload (or reopening the dialog) shows it again. */
const STORAGE_KEY = 'sofie.csvInviteJob';

function storedJobId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeJobId(id: string | null) {
  try {
    if (id) window.localStorage.setItem(STORAGE_KEY, id);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the job still shows under Bulk jobs on the Users page.
  }
}

/**
 * A CSV import of more than 1,000 rows, run by the server as a bulk job: every row of the file is
 * sent once (its role as written; the server checks each row), then the tab follows the job.
 */
export function useCsvInviteJob() {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(storedJobId);
  const start = useMutation({
    mutationFn: (input: { rows: CsvRow[]; fileName: string; reason: string; idempotencyKey: string }) =>
      startInviteJob(
        {
          rows: input.rows.map((r) => ({ line: r.line, email: r.email, role: r.role || undefined, group: r.group || undefined, name: r.name || undefined })),
          fileName: input.fileName,
          reason: input.reason.trim() || undefined,
        },
        input.idempotencyKey,
      ),
    onSuccess: (job) => {
      storeJobId(job.id);
      setJobId(job.id);
      void queryClient.invalidateQueries({ queryKey: ['bulk-jobs'] });
    },
  });

  /** Back to choosing a file: the job goes on (or stays listed) under Bulk jobs. */
  function forget() {
    storeJobId(null);
    setJobId(null);
    start.reset();
  }

  return { jobId, start, forget };
}
