import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Group } from '../../../../contracts/groups';
import { formatDate } from '../../../shared/format';
import { rowNavigation } from '../../../shared/ui/rowNavigation';
import { GroupHints } from './GroupHint';

/** One group of the list: its name (a link, with hints against sprawl), description, member count and creation date; ↑/↓ and Enter from the keyboard. */
export function GroupRow({ group: g, index }: { group: Group; index: number }) {
  const navigate = useNavigate();
  return (
    <Table.Tr data-testid="group-row" {...rowNavigation(index, () => void navigate(`/admin/groups/${g.id}`))}>
      <Table.Td>
        <Anchor component={Link} to={`/admin/groups/${g.id}`} fw={500}>
          {g.name}
        </Anchor>
        <GroupHints codes={g.hintCodes} />
      </Table.Td>
      <Table.Td maw={420}>
        <Text size="sm" c={g.description ? undefined : 'dimmed'} lineClamp={2}>
          {g.description || '—'}
        </Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="member-count">
        {g.memberCount}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {formatDate(g.createdAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
