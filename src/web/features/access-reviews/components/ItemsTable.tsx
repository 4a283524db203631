import { Checkbox, Table, Text } from '@mantine/core';
import type { ReviewItem } from '../../../../contracts/access-reviews';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { t } from '../../../shared/i18n';
import { formatDate } from '../../../shared/format';

const when = (iso: string | null) => (iso ? formatDate(iso) : t('reviews.items.never'));

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
        {t('reviews.items.notReviewed')}
      </Text>
    );
  return (
    <Text size="sm">
      <SoftBadge color={item.decision === 'keep' ? 'green' : 'red'}>{t(item.decision === 'keep' ? 'reviews.keep' : 'reviews.revoke')}</SoftBadge>{' '}
      {item.decisionReason} ({item.decidedBy})
    </Text>
  );
}

/** Who granted the role and when, as far as the audit log knows. */
function grantedBy(item: ReviewItem): string {
  if (!item.grantedBy) return t('reviews.items.unknown');
  return item.grantedBy.at ? t('reviews.items.grantedAt', { by: item.grantedBy.label, date: when(item.grantedBy.at) }) : item.grantedBy.label;
}

/** The role, whether it is privileged, how many permissions it holds and through which groups. */
function RoleCell({ item }: { item: ReviewItem }) {
  return (
    <>
      <Text size="sm">
        {item.role.name} {item.context.privileged && <SoftBadge color="orange">{t('reviews.items.privileged')}</SoftBadge>}
      </Text>
      <Text size="xs" c="dimmed">
        {t('reviews.items.permissions', { count: item.context.permissions.length })}
        {item.context.groups.length ? t('reviews.items.groups', { groups: item.context.groups.join(', ') }) : ''}
      </Text>
    </>
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
                <Checkbox aria-label={t('reviews.items.selectAll')} checked={all} onChange={() => setAll?.(all ? [] : items.map((i) => i.id))} />
              </Table.Th>
            )}
            <Table.Th>{t('reviews.items.user')}</Table.Th>
            <Table.Th>{t('reviews.items.role')}</Table.Th>
            <Table.Th>{t('reviews.items.lastActivity')}</Table.Th>
            <Table.Th>{t('reviews.items.usage')}</Table.Th>
            <Table.Th>{t('reviews.items.owned')}</Table.Th>
            <Table.Th>{t('reviews.items.grantedBy')}</Table.Th>
            <Table.Th>{t('reviews.items.reviewer')}</Table.Th>
            <Table.Th>{t('reviews.items.decision')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              {selected && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('reviews.items.select', { name: item.user.name })}
                    checked={selected.has(item.id)}
                    onChange={() => toggle?.(item.id)}
                  />
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
                <RoleCell item={item} />
              </Table.Td>
              <Table.Td>{when(item.context.lastActiveAt)}</Table.Td>
              <Table.Td>{item.context.events30d}</Table.Td>
              <Table.Td>{item.context.ownedContent}</Table.Td>
              <Table.Td>{grantedBy(item)}</Table.Td>
              <Table.Td>{item.reviewer?.name ?? t('reviews.items.anyHolder')}</Table.Td>
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
