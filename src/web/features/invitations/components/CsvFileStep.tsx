import { Alert, Button, Code, FileInput, Group, Textarea } from '@mantine/core';
import { IconFileTypeCsv, IconInfoCircle } from '@tabler/icons-react';
import type { CsvInviteUpload } from '../hooks/useCsvInviteUpload';
import { BULK_JOB_THRESHOLD } from '../../../../contracts/bulk-jobs';
import { errorMessage } from '../../../shared/api';
import { formatNumber, plural } from '../../../shared/format';

/** Before sending: the file, what was read from it, the business reason, and the button that sends. */
export function CsvFileStep({ upload, onClose }: { upload: CsvInviteUpload; onClose: () => void }) {
  const { lookups, file, parseError, ready, localRejected, reason, setReason, reasonError, total, asJob, job, onFile, start } = upload;
  return (
    <>
      <FileInput
        label="CSV file"
        description={
          <>
            Columns <Code>email</Code>, <Code>role</Code>, <Code>group</Code>, <Code>name</Code> (only email is required). Role is a role name such as Member;
            empty means Member.
          </>
        }
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        leftSection={<IconFileTypeCsv size={16} />}
        value={file}
        onChange={(f) => void onFile(f)}
        clearable
        error={parseError}
      />
      {total > 0 && (
        <Alert color={localRejected.length ? 'yellow' : 'blue'} icon={<IconInfoCircle size={18} />}>
          {plural(total, 'row', 'rows')} read: {formatNumber(ready.length)} ready to send
          {localRejected.length > 0 && `, ${formatNumber(localRejected.length)} rejected here (shown in the results)`}.
        </Alert>
      )}
      {asJob && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} title="Runs as a background job">
          More than {formatNumber(BULK_JOB_THRESHOLD)} rows: the server checks and invites every row of the file, with progress here and under Bulk jobs on the
          Users page. It carries on if you close this dialog or reload, and can be cancelled. Invitations are not undone by Undo: revoke them on the Invitations
          page.
        </Alert>
      )}
      {job.start.isError && (
        <Alert color="red" title="The import did not start">
          {errorMessage(job.start.error)}
        </Alert>
      )}
      {lookups.reasonRequired && (
        <Textarea
          label="Business reason"
          withAsterisk
          description="Kept in the audit log with every change."
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError}
          autosize
          minRows={2}
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={start} disabled={total === 0} loading={job.start.isPending}>
          {asJob ? `Start import of ${plural(total, 'row', 'rows')}` : ready.length > 0 ? `Invite ${plural(ready.length, 'person', 'people')}` : 'Show results'}
        </Button>
      </Group>
    </>
  );
}
