import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useSeveralInvite } from '../hooks/useSeveralInvite';
import { InviteResultsList } from './InviteResultsList';
import { PasteCount } from './PasteCount';
import { RoleGroupReason } from './RoleGroupReason';
import { t } from '../../../shared/i18n';

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
            {t('inviteMany.inviteMore')}
          </Button>
          <Button onClick={onClose}>{t('inviteMany.done')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Textarea
          label={t('inviteMany.emails')}
          description={t('inviteMany.emailsHint')}
          placeholder={'ada@company.com, grace@company.com\nlinus@company.com'}
          // Addresses, typed or as an example, are data: never translated.
          translate="no"
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
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={emails.length === 0 && invalid.length === 0}>
            {t('inviteMany.send', { count: Math.max(emails.length, 1) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
