import { Anchor, Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { UserSummary } from '../../../../contracts/users';
import { When } from '../../../shared/When';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { rowNavigation } from '../../../shared/ui/rowNavigation';
import { UsageSummary } from '../../usage';
import { ProvisionedBadge } from './ProvisionedBadge';
import { t } from '../../../shared/i18n';

// Table columns size to their narrowest content; a badge that may clip its label gave "Sales Ameri…".
const FULL_LABEL = { label: { overflow: 'visible' } } as const;

interface Props {
  user: UserSummary;
  /** Its place in the table: the first row is the table's Tab stop. */
  index: number;
  isSelected: boolean;
  /** "All N matching" is selected: every row is, and no box can be unticked alone. */
  allMatching: boolean;
  onToggle: (id: string) => void;
}

/** One user of the list: the whole row opens the user (click, or Enter when focused); the box and the name link do not bubble to it. */
export function UserRow({ user: u, index, isSelected, allMatching, onToggle }: Props) {
  const navigate = useNavigate();
  const open = () => void navigate(`/admin/users/${u.id}`);
  return (
    <Table.Tr
      onClick={open}
      {...rowNavigation(index, open)}
      style={{ cursor: 'pointer' }}
      bg={isSelected ? 'var(--mantine-color-indigo-light)' : undefined}
      data-testid="user-row"
    >
      <Table.Td onClick={(e) => e.stopPropagation()}>
        <Checkbox aria-label={t('users.select', { name: u.name || u.email })} checked={isSelected} disabled={allMatching} onChange={() => onToggle(u.id)} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm" fw={500} c="var(--mantine-color-text)" onClick={(e) => e.stopPropagation()}>
          {u.name || (
            <Text span c="dimmed" size="sm">
              {t('users.noName')}
            </Text>
          )}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{u.email}</Text>
          {u.provisionedBy && <ProvisionedBadge by={u.provisionedBy} />}
        </Group>
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
            <Badge key={g.id} variant="outline" color="var(--mantine-color-dimmed)" size="sm" tt="none" styles={FULL_LABEL}>
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
              <Badge variant="outline" color="var(--mantine-color-dimmed)" size="sm">
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
        <When iso={u.lastActiveAt} never={t('users.never')} />
      </Table.Td>
      <Table.Td>
        <UsageSummary usage={u.usage} />
      </Table.Td>
      <Table.Td>
        <When iso={u.createdAt} never="—" absolute />
      </Table.Td>
    </Table.Tr>
  );
}
