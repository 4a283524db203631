import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InviteBody } from '../../../../contracts/invitations';
import { ApiError, errorMessage } from '../../../shared/api';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { invite } from '../api';
import { t } from '../../../shared/i18n';
import { CHOOSE_ROLE, fieldOf, type Field } from '../components/inviteFields';
import { parsePastedEmails } from '../csv';
import { useInvalidateAfterInvite } from './useInvalidateAfterInvite';
import { useInviteForm } from './useInviteForm';

/** The most addresses one paste sends (the API's limit per request); more go through "Upload CSV". */
const MAX_PASTED = 500;

/** The state of "Several at once": the pasted text, its addresses, field errors, and the send (one Idempotency-Key per batch). */
export function useSeveralInvite() {
  const form = useInviteForm();
  const invalidate = useInvalidateAfterInvite();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { emails, invalid } = parsePastedEmails(text);
  const mutation = useMutation({
    mutationFn: (batch: { body: InviteBody; idempotencyKey: string }) => invite(batch.body, batch.idempotencyKey),
    onSuccess: () => {
      invalidate();
      setIdempotencyKey(crypto.randomUUID());
    },
    onError: (error) => setErrors({ [fieldOf(error instanceof ApiError ? error.code : undefined)]: errorMessage(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (invalid.length > 0) next.email = t('inviteMany.error.invalid', { values: invalid.join(', ') });
    else if (emails.length === 0) next.email = t('inviteMany.error.none');
    else if (emails.length > MAX_PASTED) next.email = t('inviteMany.error.tooMany', { count: emails.length, max: MAX_PASTED });
    if (!form.roleId) next.role = CHOOSE_ROLE;
    if (form.lookups.reasonRequired && !form.reason.trim()) next.reason = REASON_MISSING;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body = {
      entries: emails.map((email) => ({ email })),
      roleId: form.roleId ?? undefined,
      groupId: form.groupId ?? undefined,
      reason: form.reason.trim() || undefined,
    };
    mutation.mutate({ body, idempotencyKey });
  }

  return { form, text, setText, errors, setErrors, emails, invalid, mutation, submit };
}
