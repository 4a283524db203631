import { Checkbox, Table, Text } from '@mantine/core';
import type { ReviewItem } from '../../../../contracts/access-reviews';
import { SoftBadge } from '../../../shared/ui/SoftBadge';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : 'Never');

function DecisionCell({ item }: { item: ReviewItem }) {
  if (item.outcome)
    return (
      <Text size="sm">
        {item.outcome}
        {item.outcomeMessage ? ` — ${item.outcomeMessage}` : ''}
      </Text>
    );
  if (!item.decision)
    return (
      <Text size="sm" c="dimmed">
        Not reviewed
      </Text>
    );
  return (
    <Text size="sm">
      <SoftBadge color={item.decision === 'keep' ? 'green' : 'red'}>{item.decision === 'keep' ? 'Keep' : 'Revoke'}</SoftBadge> {item.decisionReason} (
      {item.decidedBy})
    </Text>
  );
}

/** Review items with what a reviewer needs to decide; selectable when `selected` is given. */
export function ItemsTable({
  items,
  selected,
  toggle,
  setAll,
  label,
}: {
  items: ReviewItem[];
  selected?: Set<string>;
  toggle?: (id: string) => void;
  setAll?: (ids: string[]) => void;
  label: string;
}) {
  const all = !!selected && items.length > 0 && items.every((i) => selected.has(i.id));
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {selected && (
              <Table.Th w={40}>
                <Checkbox aria-label="Select all" checked={all} onChange={() => setAll?.(all ? [] : items.map((i) => i.id))} />
              </Table.Th>
            )}
            <Table.Th>User</Table.Th>
            <Table.Th>Role and permissions</Table.Th>
            <Table.Th>Last activity</Table.Th>
            <Table.Th>30-day usage</Table.Th>
            <Table.Th>Owned content</Table.Th>
            <Table.Th>Granted by</Table.Th>
            <Table.Th>Reviewer</Table.Th>
            <Table.Th>Decision</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              {selected && (
                <Table.Td>
                  <Checkbox aria-label={`Select ${item.user.name}`} checked={selected.has(item.id)} onChange={() => toggle?.(item.id)} />
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" fw={500}>
                  {item.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {item.user.email}
                </Text>
                {item.blocked && (
                  <Text size="xs" c="var(--mantine-color-error)" role="note">
                    {item.blocked.message}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {item.role.name} {item.context.privileged && <SoftBadge color="orange">Privileged</SoftBadge>}
                </Text>
                <Text size="xs" c="dimmed">
                  {item.context.permissions.length} permissions{item.context.groups.length ? ` · groups: ${item.context.groups.join(', ')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{when(item.context.lastActiveAt)}</Table.Td>
              <Table.Td>{item.context.events30d}</Table.Td>
              <Table.Td>{item.context.ownedContent}</Table.Td>
              <Table.Td>{item.grantedBy ? `${item.grantedBy.label}${item.grantedBy.at ? `, ${when(item.grantedBy.at)}` : ''}` : 'Unknown'}</Table.Td>
              <Table.Td>{item.reviewer?.name ?? 'Any holder of the reviewer role'}</Table.Td>
              <Table.Td>
                <DecisionCell item={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
