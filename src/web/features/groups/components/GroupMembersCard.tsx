import { Button, Card, Checkbox, Group, Table, Text, Title } from '@mantine/core';
import { IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import type { Dispatch, SetStateAction } from 'react';
import type { GroupDetail } from '../../../../contracts/groups';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { GroupMemberRow } from './GroupMemberRow';
import { t } from '../../../shared/i18n';

interface Props {
  g: GroupDetail;
  manage: boolean;
  selected: string[];
  setSelected: Dispatch<SetStateAction<string[]>>;
  onAdd: () => void;
  onRemove: () => void;
  /** "Load more" for the members after the ones shown. */
  more: { hasMore: boolean; loading: boolean; onClick: () => void };
}

/** The members, selectable by managers, with Add members and Remove selected. */
export function GroupMembersCard({ g, manage, selected, setSelected, onAdd, onRemove, more }: Props) {
  const allSelected = g.members.length > 0 && selected.length === g.members.length;
  return (
    <Card withBorder padding={0}>
      <Group justify="space-between" p="md">
        <Title order={2} size="h4">
          {t('group.members')}
        </Title>
        {manage && (
          <Group gap="xs">
            {selected.length > 0 && (
              <Button variant="light" color="red" leftSection={<IconUserMinus size={16} />} onClick={onRemove}>
                {t('group.removeSelected', { count: selected.length })}
              </Button>
            )}
            <Button color="indigo.7" leftSection={<IconUserPlus size={16} />} onClick={onAdd}>
              {t('group.addMembers')}
            </Button>
          </Group>
        )}
      </Group>
      {g.members.length === 0 ? (
        <Text c="dimmed" px="md" pb="md">
          {t('group.noMembers')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="md" aria-label={t('group.members')}>
            <Table.Thead>
              <Table.Tr>
                {manage && (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('group.selectAll')}
                      checked={allSelected}
                      indeterminate={selected.length > 0 && !allSelected}
                      onChange={() => setSelected(allSelected ? [] : g.members.map((m) => m.id))}
                    />
                  </Table.Th>
                )}
                <Table.Th>{t('group.column.name')}</Table.Th>
                <Table.Th>{t('group.column.email')}</Table.Th>
                <Table.Th>{t('group.column.status')}</Table.Th>
                <Table.Th>{t('group.column.added')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {g.members.map((m) => (
                <GroupMemberRow key={m.id} member={m} manage={manage} selected={selected} setSelected={setSelected} />
              ))}
            </Table.Tbody>
          </Table>
          <LoadMore {...more} />
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
