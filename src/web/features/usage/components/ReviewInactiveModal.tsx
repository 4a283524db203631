import { Anchor, Group, Modal, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { InactiveUser } from '../../../../contracts/usage';
import { formatDate, plural } from '../../../shared/format';

/** The selected inactive accounts, each with a link to its page, where its role can be changed or it can be deactivated. */
export function ReviewInactiveModal({ opened, onClose, chosen }: { opened: boolean; onClose: () => void; chosen: InactiveUser[] }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Review ${plural(chosen.length, 'inactive account', 'inactive accounts')}`} size="lg">
      <Stack gap="xs">
        <Text size="sm">Open each account to check its role, groups and what it owns, then change its role or deactivate it from its page.</Text>
        {chosen.map((u) => (
          <Group key={u.id} justify="space-between">
            <div>
              <Text size="sm" fw={500}>
                {u.name}
              </Text>
              <Text size="xs" c="dimmed">
                {u.email} · {u.lastActiveAt ? `last active ${formatDate(u.lastActiveAt)}` : 'never active'}
              </Text>
            </div>
            <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm">
              Open
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
