import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BulkUsersBody } from '../../../../contracts/users';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { bulkUpdateUsers } from '../api';

/** The bulk dialog's form (the role or group, the reason) and its one send, which refreshes users, groups and roles. */
export function useBulkAction(action: BulkUsersBody['action'], target: Pick<BulkUsersBody, 'userIds' | 'filter'>) {
  const queryClient = useQueryClient();
  const reasonRequired = useReasonRequired();
  const [value, setValue] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  // One key per dialog: a retry after a network error is applied once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const mutation = useMutation({
    mutationFn: () =>
      bulkUpdateUsers(
        { action, ...target, ...(action === 'assign_role' ? { roleId: value! } : { groupId: value! }), reason: reason.trim() || undefined },
        idempotencyKey,
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
  });
  const reasonMissing = reasonRequired && !reason.trim();

  function submit() {
    setTouched(true);
    if (!value || reasonMissing) return;
    mutation.mutate();
  }

  return { reasonRequired, value, setValue, reason, setReason, touched, reasonMissing, mutation, submit };
}
