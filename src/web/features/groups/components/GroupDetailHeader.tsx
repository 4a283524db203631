import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { GroupDetail } from '../../../../contracts/groups';
import { formatDate } from '../../../shared/format';
import { GroupHints, GROUPS_VS_ROLES } from './GroupHint';
import { t } from '../../../shared/i18n';

/** The way back, the group's name, description, size and hints, and (for managers) Edit and Delete. */
export function GroupDetailHeader({ g, manage, onEdit, onDelete }: { g: GroupDetail; manage: boolean; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <Anchor component={Link} to="/admin/groups" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> {t('groups.title')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={1} size="h2">
            {g.name}
          </Title>
          <Text c={g.description ? undefined : 'dimmed'} mt={4}>
            {g.description || t('group.noDescription')}
          </Text>
          <Text size="sm" c="dimmed" mt={4}>
            <span data-testid="group-member-count">{t('group.memberCount', { count: g.memberCount })}</span>
            {t('group.created', { date: formatDate(g.createdAt) })}
          </Text>
          <Stack gap={2} mt={6}>
            <GroupHints codes={g.hintCodes} />
          </Stack>
        </div>
        {manage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
              {t('group.edit')}
            </Button>
            <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
              {t('group.delete')}
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
