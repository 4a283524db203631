import { Center, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import type { InvitationStatus } from '../../../../contracts/invitations';
import { t } from '../../../shared/i18n';

/** The empty list, in the words of the status filter. */
export function NoInvitations({ status }: { status: InvitationStatus | undefined }) {
  return (
    <Center py={48}>
      <Stack align="center" gap="xs" ta="center" maw={360}>
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconMailOff size={24} />
        </ThemeIcon>
        <Text fw={600}>{t(`invitations.none.${status ?? 'all'}`)}</Text>
        <Text size="sm" c="dimmed">
          {t(status === 'pending' ? 'invitations.none.pendingHint' : 'invitations.none.hint')}
        </Text>
      </Stack>
    </Center>
  );
}
