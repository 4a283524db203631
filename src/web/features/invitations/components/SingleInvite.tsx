import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useSingleInvite } from '../hooks/useSingleInvite';
import { InviteSuccessAlert } from './InviteSuccessAlert';
import { RoleGroupReason } from './RoleGroupReason';
import { t } from '../../../shared/i18n';

/** "One person": an email, a role, an optional group; an existing user is updated instead. */
export function SingleInvite({ onClose }: { onClose: () => void }) {
  const { form, email, setEmail, errors, setErrors, success, setSuccess, mutation, submit } = useSingleInvite();

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {success && <InviteSuccessAlert success={success} onClose={() => setSuccess(null)} />}
        <TextInput
          label={t('invite.email')}
          placeholder={t('invite.emailPlaceholder')}
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
          {t('invite.existingHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {success ? t('invite.done') : t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('invite.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
