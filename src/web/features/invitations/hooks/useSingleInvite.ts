import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InviteBody, InviteResult } from '../../../../contracts/invitations';
import { ApiError, errorMessage } from '../../../shared/api';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { invite } from '../api';
import { t } from '../../../shared/i18n';
import { CHOOSE_ROLE, fieldOf, type Field } from '../components/inviteFields';
import { isEmailAddress } from '../csv';
import { useInvalidateAfterInvite } from './useInvalidateAfterInvite';
import { useInviteForm } from './useInviteForm';

/** The state of "One person": the email, field errors, the last success, and the send; a rejected row becomes a field error. */
export function useSingleInvite() {
  const form = useInviteForm();
  const invalidate = useInvalidateAfterInvite();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [success, setSuccess] = useState<InviteResult | null>(null);
  const mutation = useMutation({
    mutationFn: (body: InviteBody) => invite(body),
    onSuccess: ({ results }) => {
      invalidate();
      const result = results[0];
      if (!result) return;
      if (result.outcome === 'rejected') setErrors({ [fieldOf(result.code)]: result.message });
      else {
        setSuccess(result);
        setEmail('');
      }
    },
    onError: (error) => setErrors({ [fieldOf(error instanceof ApiError ? error.code : undefined)]: errorMessage(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSuccess(null);
    const next: Partial<Record<Field, string>> = {};
    if (!email.trim()) next.email = t('invite.error.noEmail');
    else if (!isEmailAddress(email)) next.email = t('invite.error.invalidEmail');
    if (!form.roleId) next.role = CHOOSE_ROLE;
    if (form.lookups.reasonRequired && !form.reason.trim()) next.reason = REASON_MISSING;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    mutation.mutate({
      entries: [{ email: email.trim() }],
      roleId: form.roleId ?? undefined,
      groupId: form.groupId ?? undefined,
      reason: form.reason.trim() || undefined,
    });
  }

  return { form, email, setEmail, errors, setErrors, success, setSuccess, mutation, submit };
}
