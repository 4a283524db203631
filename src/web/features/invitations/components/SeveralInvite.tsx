import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useSeveralInvite } from '../hooks/useSeveralInvite';
import { InviteResultsList } from './InviteResultsList';
import { PasteCount } from './PasteCount';
import { RoleGroupReason } from './RoleGroupReason';

/** "Several at once": pasted addresses, one role and group for all, sent with one Idempotency-Key. */
export function SeveralInvite({ onClose }: { onClose: () => void }) {
  const { form, text, setText, errors, setErrors, emails, invalid, mutation, submit } = useSeveralInvite();

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
