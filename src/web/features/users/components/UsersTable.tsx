import { Checkbox, Group, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { UserSort, UserSummary } from '../../../../contracts/users';
import { UserRow } from './UserRow';
import { t } from '../../../shared/i18n';

interface Props {
  users: UserSummary[];
  sort: UserSort;
  order: 'asc' | 'desc';
  onSort: (sort: UserSort) => void;
  selected: Set<string>;
  allMatching: boolean;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
  /** While the list loads: this many skeleton rows, each as tall as a loaded row. */
  loadingRows?: number;
}

function SortHeader({
  label,
  column,
  sort,
  order,
  onSort,
}: {
  label: string;
  column: UserSort;
  sort: UserSort;
  order: 'asc' | 'desc';
  onSort: (s: UserSort) => void;
}) {
  const active = sort === column;
  const Icon = active ? (order === 'asc' ? IconArrowUp : IconArrowDown) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => onSort(column)} aria-label={t('users.sortBy', { column: label })}>
        <Group gap={4} wrap="nowrap">
          <Text fw={600} size="sm">
            {label}
          </Text>
          <Icon size={14} stroke={1.8} color={active ? 'var(--mantine-color-indigo-6)' : 'var(--mantine-color-gray-5)'} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

const SKELETON_WIDTHS = [120, 180, 80, 90, 64, 80, 70, 90];

/** A row of the loading table: the checkbox and one line of text per column, as tall as a loaded row. */
function SkeletonRow() {
  return (
    <Table.Tr>
      <Table.Td>
        <Skeleton h={20} w={20} />
      </Table.Td>
      {SKELETON_WIDTHS.map((w, i) => (
        <Table.Td key={i}>
          {/* A hidden line of small text inside: the cell's line box is a loaded cell's, to the pixel. */}
          <Skeleton w={w}>
            <Text span size="sm">
              {'\u00a0'}
            </Text>
          </Skeleton>
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

export function UsersTable({ users, sort, order, onSort, selected, allMatching, onToggle, onTogglePage, loadingRows = 0 }: Props) {
  const pageSelected = allMatching || (users.length > 0 && users.every((u) => selected.has(u.id)));
  const someSelected = !pageSelected && users.some((u) => selected.has(u.id));
  const header = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('users.table')} aria-busy={loadingRows > 0 || undefined}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox aria-label={t('users.selectPage')} checked={pageSelected} indeterminate={someSelected} onChange={onTogglePage} />
            </Table.Th>
            <SortHeader label={t('users.column.name')} column="name" {...header} />
            <SortHeader label={t('users.column.email')} column="email" {...header} />
            <Table.Th>{t('users.column.role')}</Table.Th>
            <Table.Th>{t('users.column.groups')}</Table.Th>
            <Table.Th>{t('users.column.status')}</Table.Th>
            <SortHeader label={t('users.column.lastActive')} column="last_active" {...header} />
            <Table.Th>{t('users.column.usage')}</Table.Th>
            <SortHeader label={t('users.column.created')} column="created" {...header} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Array.from({ length: loadingRows }, (_, i) => (
            <SkeletonRow key={i} />
          ))}
          {users.map((u, i) => (
            <UserRow key={u.id} user={u} index={i} isSelected={allMatching || selected.has(u.id)} allMatching={allMatching} onToggle={onToggle} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
