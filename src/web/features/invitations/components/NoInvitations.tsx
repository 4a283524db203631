import { Center, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import type { InvitationStatus } from '../../../../contracts/invitations';
import { STATUS_LABELS } from './statusLabels';

/** The empty list, in the words of the status filter. */
export function NoInvitations({ status }: { status: InvitationStatus | undefined }) {
  return (
    <Center py={48}>
      <Stack align="center" gap="xs" ta="center" maw={360}>
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconMailOff size={24} />
        </ThemeIcon>
        <Text fw={600}>{status ? `No ${STATUS_LABELS[status].toLowerCase()} invitations` : 'No invitations yet'}</Text>
        <Text size="sm" c="dimmed">
          {status === 'pending' ? 'Everyone you invited has answered, or no one is waiting.' : 'Invitations you send appear here.'}
        </Text>
      </Stack>
    </Center>
  );
}
