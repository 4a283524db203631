import { Anchor, Checkbox, Table, Text } from '@mantine/core';
import type { Dispatch, SetStateAction } from 'react';
import { Link } from 'react-router';
import type { InactiveUser } from '../../../../contracts/usage';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { formatDate } from '../../../shared/format';
import { t } from '../../../shared/i18n';

/** The inactive accounts shown so far, selectable for review. */
export function InactiveAccountsTable({
  rows,
  selected,
  setSelected,
  toggle,
}: {
  rows: InactiveUser[];
  selected: Set<string>;
  setSelected: Dispatch<SetStateAction<Set<string>>>;
  toggle: (id: string) => void;
}) {
  const allShownSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <Table highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>
            <Checkbox
              aria-label={t('overview.inactive.selectAll')}
              checked={allShownSelected}
              indeterminate={!allShownSelected && rows.some((r) => selected.has(r.id))}
              onChange={() => setSelected(allShownSelected ? new Set() : new Set(rows.map((r) => r.id)))}
            />
          </Table.Th>
          <Table.Th>{t('overview.inactive.column.name')}</Table.Th>
          <Table.Th>{t('overview.inactive.column.email')}</Table.Th>
          <Table.Th>{t('overview.inactive.column.role')}</Table.Th>
          <Table.Th>{t('overview.inactive.column.lastActive')}</Table.Th>
          <ActionsHeader />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td>
              <Checkbox aria-label={t('overview.inactive.select', { name: u.name })} checked={selected.has(u.id)} onChange={() => toggle(u.id)} />
            </Table.Td>
            <Table.Td>{u.name}</Table.Td>
            <Table.Td>{u.email}</Table.Td>
            <Table.Td>{u.role.name}</Table.Td>
            <Table.Td>
              {u.lastActiveAt ? (
                formatDate(u.lastActiveAt)
              ) : (
                <Text span c="dimmed" size="sm">
                  {t('common.never')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm">
                {t('overview.inactive.review')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
