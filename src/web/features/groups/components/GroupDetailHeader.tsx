import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { GroupDetail } from '../../../../contracts/groups';
import { formatDate, plural } from '../../../shared/format';
import { GroupHints, GROUPS_VS_ROLES } from './GroupHint';

/** The way back, the group's name, description, size and hints, and (for managers) Edit and Delete. */
export function GroupDetailHeader({ g, manage, onEdit, onDelete }: { g: GroupDetail; manage: boolean; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <Anchor component={Link} to="/admin/groups" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Manage Groups
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Title order={1} size="h2">
            {g.name}
          </Title>
          <Text c={g.description ? undefined : 'dimmed'} mt={4}>
            {g.description || 'No description.'}
          </Text>
          <Text size="sm" c="dimmed" mt={4}>
            <span data-testid="group-member-count">{plural(g.memberCount, 'member', 'members')}</span> · created {formatDate(g.createdAt)}
          </Text>
          <Stack gap={2} mt={6}>
            <GroupHints hints={g.hints} />
          </Stack>
        </div>
        {manage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
              Edit
            </Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
              Delete group
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {GROUPS_VS_ROLES}
      </Text>
    </>
  );
}
