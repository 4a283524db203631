import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import type { Dispatch, SetStateAction } from 'react';
import { Link } from 'react-router';
import type { GroupDetail } from '../../../../contracts/groups';
import { formatDate } from '../../../shared/format';
import { StatusBadge } from '../../../shared/ui/StatusBadge';
import { useCan } from '../../../shared/useMe';
import { t } from '../../../shared/i18n';

interface Props {
  member: GroupDetail['members'][number];
  manage: boolean;
  selected: string[];
  setSelected: Dispatch<SetStateAction<string[]>>;
}

/** One member of the group: a selection box for managers, then name, email, status and when they were added. */
export function GroupMemberRow({ member: m, manage, selected, setSelected }: Props) {
  const can = useCan();
  return (
    <Table.Tr bg={selected.includes(m.id) ? 'var(--mantine-color-indigo-light)' : undefined}>
      {manage && (
        <Table.Td>
          <Checkbox
            aria-label={t('group.select', { name: m.name || m.email })}
            checked={selected.includes(m.id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSelected((s) => (on ? [...s, m.id] : s.filter((x) => x !== m.id)));
            }}
          />
        </Table.Td>
      )}
      <Table.Td>
        {can('users.view') ? (
          <Anchor component={Link} to={`/admin/users/${m.id}`} size="sm">
            {m.name || m.email}
          </Anchor>
        ) : (
          m.name
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{m.email}</Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={m.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {formatDate(m.addedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
