import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../../shared/api';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { invite } from '../api';
import { parsePastedEmails } from '../csv';
import { useInvalidateAfterInvite } from '../hooks/useInvalidateAfterInvite';
import { useInviteForm } from '../hooks/useInviteForm';
import { CHOOSE_ROLE, fieldOf, type Field } from './inviteFields';
import { InviteResultsList } from './InviteResultsList';
import { PasteCount } from './PasteCount';
import { RoleGroupReason } from './RoleGroupReason';

/** "Several at once": pasted addresses, one role and group for all, sent with one Idempotency-Key. */
export function SeveralInvite({ onClose }: { onClose: () => void }) {
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

  if (mutation.data) {
    return (
      <Stack>
        <InviteResultsList results={mutation.data.results} />
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => {
              mutation.reset();
              setText('');
            }}
          >
            Invite more
          </Button>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Textarea
          label="Emails"
          description="Paste addresses separated by commas, spaces or new lines. Each gets the role and group below."
          placeholder={'ada@company.com, grace@company.com\nlinus@company.com'}
          autosize
          minRows={4}
          maxRows={10}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (errors.email) setErrors((x) => ({ ...x, email: undefined }));
          }}
          error={errors.email}
          data-autofocus
        />
        <PasteCount found={emails.length} invalid={invalid} />
        <RoleGroupReason
          roleId={form.roleId}
          groupId={form.groupId}
          reason={form.reason}
          onRole={(id) => {
            form.setRoleId(id);
            setErrors((x) => ({ ...x, role: undefined }));
          }}
          onGroup={form.setGroupId}
          onReason={form.setReason}
          errors={errors}
        />
        {errors.form && (
          <Alert color="red" icon={<IconInfoCircle size={18} />}>
            {errors.form}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={emails.length === 0 && invalid.length === 0}>
            {emails.length > 1 ? `Send ${emails.length} invitations` : 'Send invitation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
