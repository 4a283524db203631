import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BULK_JOB_THRESHOLD, type StartBulkJobBody } from '../../../../contracts/bulk-jobs';
import type { BulkUsersBody } from '../../../../contracts/users';
import { startBulkJob } from '../../bulk-jobs';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { bulkUpdateUsers } from '../api';

/**
 * The bulk dialog's form (the role or group, the reason) and its one send, which refreshes users,
 * groups and roles. More than 1,000 users start a server-side job instead (progress under Bulk jobs),
 * and so does every deactivation (there is no synchronous bulk deactivation).
 */
export function useBulkAction(action: StartBulkJobBody['action'], target: Pick<BulkUsersBody, 'userIds' | 'filter'>, count: number) {
  const queryClient = useQueryClient();
  const reasonRequired = useReasonRequired();
  const [value, setValue] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  // One key per dialog: a retry after a network error is applied once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const mutation = useMutation({
    // The role or group and the reason go in through mutate(), from the render the send was clicked
    // in: TanStack Query takes a new mutationFn in an effect after render (see UsageRetentionCard).
    mutationFn: async ({ value: chosen, reason: reasonText }: { value: string | null; reason: string | undefined }) => {
      if (action === 'deactivate') return { job: await startBulkJob({ action, ...target, reason: reasonText }, idempotencyKey) };
      const body = { action, ...target, ...(action === 'assign_role' ? { roleId: chosen! } : { groupId: chosen! }), reason: reasonText };
      // A capped count ("1,000+" matching) is at least the threshold: it goes to a job too.
      if (count >= BULK_JOB_THRESHOLD) return { job: await startBulkJob(body, idempotencyKey) };
      return { result: await bulkUpdateUsers(body, idempotencyKey) };
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['bulk-jobs'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
  });
  const reasonMissing = reasonRequired && !reason.trim();

  function submit() {
    setTouched(true);
    if ((action !== 'deactivate' && !value) || reasonMissing) return;
    mutation.mutate({ value, reason: reason.trim() || undefined });
  }

  return { reasonRequired, value, setValue, reason, setReason, touched, reasonMissing, mutation, submit };
}
