import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../../shared/api';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { invite } from '../api';
import { CHOOSE_ROLE, fieldOf, type Field } from '../components/inviteFields';
import { parsePastedEmails } from '../csv';
import { useInvalidateAfterInvite } from './useInvalidateAfterInvite';
import { useInviteForm } from './useInviteForm';

/** The state of "Several at once": the pasted text, its addresses, field errors, and the send (one Idempotency-Key per batch). */
export function useSeveralInvite() {
  const form = useInviteForm();
  const invalidate = useInvalidateAfterInvite();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { emails, invalid } = parsePastedEmails(text);
  const mutation = useMutation({
    mutationFn: () =>
      invite(
        {
          entries: emails.map((email) => ({ email })),
          roleId: form.roleId ?? undefined,
          groupId: form.groupId ?? undefined,
          reason: form.reason.trim() || undefined,
        },
        idempotencyKey,
      ),
    onSuccess: () => {
      invalidate();
      setIdempotencyKey(crypto.randomUUID());
    },
    onError: (error) => setErrors({ [fieldOf(error instanceof ApiError ? error.code : undefined)]: errorMessage(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (invalid.length > 0) next.email = `Fix or remove what is not an email address: ${invalid.join(', ')}. Nothing was sent.`;
    else if (emails.length === 0) next.email = 'Paste at least one email address.';
    else if (emails.length > 500) next.email = `That is ${emails.length} addresses; up to 500 at once here. Use "Upload CSV" for more.`;
    if (!form.roleId) next.role = CHOOSE_ROLE;
    if (form.lookups.reasonRequired && !form.reason.trim()) next.reason = REASON_MISSING;
    setErrors(next);
    if (Object.keys(next).length === 0) mutation.mutate();
  }

  return { form, text, setText, errors, setErrors, emails, invalid, mutation, submit };
}
