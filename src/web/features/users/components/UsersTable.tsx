import { UsageSummary } from '../../usage';
import { Anchor, Badge, Checkbox, Group, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { UserSort, UserSummary } from '../../../../contracts/users';
import { When } from '../../../shared/When';
import { StatusBadge } from '../../../shared/ui/StatusBadge';

// Table columns size to their narrowest content; a badge that may clip its label gave "Sales Ameri…".
const FULL_LABEL = { label: { overflow: 'visible' } } as const;

interface Props {
  users: UserSummary[];
  sort: UserSort;
  order: 'asc' | 'desc';
  onSort: (sort: UserSort) => void;
  selected: Set<string>;
  allMatching: boolean;
  onToggle: (id: string) => void;
  onTogglePage: () => void;
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
      <UnstyledButton onClick={() => onSort(column)} aria-label={`Sort by ${label}`}>
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

export function UsersTable({ users, sort, order, onSort, selected, allMatching, onToggle, onTogglePage }: Props) {
  const navigate = useNavigate();
  const pageSelected = allMatching || (users.length > 0 && users.every((u) => selected.has(u.id)));
  const someSelected = !pageSelected && users.some((u) => selected.has(u.id));
  const header = { sort, order, onSort };
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox aria-label="Select all users on this page" checked={pageSelected} indeterminate={someSelected} onChange={onTogglePage} />
            </Table.Th>
            <SortHeader label="Name" column="name" {...header} />
            <SortHeader label="Email" column="email" {...header} />
            <Table.Th>Role</Table.Th>
            <Table.Th>Groups</Table.Th>
            <Table.Th>Status</Table.Th>
            <SortHeader label="Last active" column="last_active" {...header} />
            <Table.Th>Usage (30 days)</Table.Th>
            <SortHeader label="Created" column="created" {...header} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => {
            const isSelected = allMatching || selected.has(u.id);
            return (
              <Table.Tr
                key={u.id}
                onClick={() => void navigate(`/admin/users/${u.id}`)}
                style={{ cursor: 'pointer' }}
                bg={isSelected ? 'var(--mantine-color-indigo-light)' : undefined}
                data-testid="user-row"
              >
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox aria-label={`Select ${u.name || u.email}`} checked={isSelected} disabled={allMatching} onChange={() => onToggle(u.id)} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm" fw={500} c="dark" onClick={(e) => e.stopPropagation()}>
                    {u.name || (
                      <Text span c="dimmed" size="sm">
                        No name yet
                      </Text>
                    )}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{u.email}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{u.role.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {u.groups.length === 0 && (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                    {u.groups.slice(0, 3).map((g) => (
                      <Badge key={g.id} variant="outline" color="gray.7" size="sm" tt="none" styles={FULL_LABEL}>
                        {g.name}
                      </Badge>
                    ))}
                    {u.groups.length > 3 && (
                      <Tooltip
                        label={u.groups
                          .slice(3)
                          .map((g) => g.name)
                          .join(', ')}
                      >
                        <Badge variant="outline" color="gray.7" size="sm">
                          +{u.groups.length - 3}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={u.status} />
                </Table.Td>
                <Table.Td>
                  <When iso={u.lastActiveAt} never="Never" />
                </Table.Td>
                <Table.Td>
                  <UsageSummary usage={u.usage} />
                </Table.Td>
                <Table.Td>
                  <When iso={u.createdAt} never="—" absolute />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
