import { useState } from 'react';
import { ApiError } from '../api';
import { REASON_MISSING, reasonMissing } from './ReasonField';

/**
 * The state every form that changes access with a business reason shares: the reason, its error
 * (missing here, or REASON_REQUIRED from the server), any other refusal, and whether it is sending.
 * `submit` runs the change with the trimmed reason (undefined when blank) and says whether it went
 * through; `onRefusal` may claim a refusal for a field of its own (a taken group name).
 */
export function useReasonedSubmit(reasonRequired: boolean) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(change: (reason: string | undefined) => Promise<unknown>, onRefusal?: (error: unknown) => boolean): Promise<boolean> {
    if (reasonMissing(reasonRequired, reason)) {
      setReasonError(REASON_MISSING);
      return false;
    }
    setReasonError(null);
    setError(null);
    setPending(true);
    try {
      await change(reason.trim() || undefined);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REASON_REQUIRED') setReasonError(e.message);
      else if (!onRefusal?.(e)) setError(e);
      return false;
    } finally {
      setPending(false);
    }
  }

  return {
    submit,
    pending,
    error,
    clearError: () => setError(null),
    /** Spread onto ReasonField. */
    reasonField: { value: reason, onChange: setReason, required: reasonRequired, error: reasonError },
  };
}
