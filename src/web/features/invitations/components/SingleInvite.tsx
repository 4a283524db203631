import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InviteResult } from '../../../../contracts/invitations';
import { ApiError, errorMessage } from '../../../shared/api';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { invite } from '../api';
import { isEmailAddress } from '../csv';
import { useInvalidateAfterInvite } from '../hooks/useInvalidateAfterInvite';
import { useInviteForm } from '../hooks/useInviteForm';
import { CHOOSE_ROLE, fieldOf, type Field } from './inviteFields';
import { RoleGroupReason } from './RoleGroupReason';

/** "One person": an email, a role, an optional group; an existing user is updated instead. */
export function SingleInvite({ onClose }: { onClose: () => void }) {
  const form = useInviteForm();
  const invalidate = useInvalidateAfterInvite();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [success, setSuccess] = useState<InviteResult | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      invite({
        entries: [{ email: email.trim() }],
        roleId: form.roleId ?? undefined,
        groupId: form.groupId ?? undefined,
        reason: form.reason.trim() || undefined,
      }),
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
    if (!email.trim()) next.email = 'Enter the person’s work email address.';
    else if (!isEmailAddress(email)) next.email = 'This is not a valid email address.';
    if (!form.roleId) next.role = CHOOSE_ROLE;
    if (form.lookups.reasonRequired && !form.reason.trim()) next.reason = REASON_MISSING;
    setErrors(next);
    if (Object.keys(next).length === 0) mutation.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {success && (
          <Alert
            color={success.outcome === 'invited' ? 'green' : 'blue'}
            icon={<IconCircleCheck size={18} />}
            title={
              success.outcome === 'invited'
                ? 'Invitation sent'
                : success.outcome === 'renewed'
                  ? 'Invitation renewed'
                  : success.outcome === 'updated'
                    ? 'Existing user updated'
                    : 'Nothing to change'
            }
            role="status"
            withCloseButton
            onClose={() => setSuccess(null)}
          >
            {success.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          placeholder="name@company.com"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
            if (errors.email) setErrors((x) => ({ ...x, email: undefined }));
          }}
          error={errors.email}
          data-autofocus
        />
        <RoleGroupReason
          roleId={form.roleId}
          groupId={form.groupId}
          reason={form.reason}
          onRole={(id) => {
            form.setRoleId(id);
            setErrors((x) => ({ ...x, role: undefined }));
          }}
          onGroup={(id) => {
            form.setGroupId(id);
            setErrors((x) => ({ ...x, group: undefined }));
          }}
          onReason={form.setReason}
          errors={errors}
        />
        {errors.form && (
          <Alert color="red" icon={<IconInfoCircle size={18} />}>
            {errors.form}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          If this address already belongs to someone in your organization, their role and group are updated instead of sending a new invitation.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {success ? 'Done' : 'Cancel'}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
