import { Badge, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CONTENT_TYPES, type ContentType } from '../../../../../contracts/ownership';
import { fetchOwnershipItems } from '../../api';
import type { Choice } from './choice';
import { ChoiceEditor } from './ChoiceEditor';
import { t } from '../../../../shared/i18n';

/** "Decide per item": the items of one chosen type, each with its own decision. */
export function ItemDecisions({
  userId,
  perItem,
  setPerItem,
}: {
  userId: string;
  perItem: Record<string, Choice>;
  setPerItem: (f: (p: Record<string, Choice>) => Record<string, Choice>) => void;
}) {
  const [type, setType] = useState<ContentType | null>(null);
  const items = useInfiniteQuery({
    queryKey: ['ownership-items', userId, type],
    queryFn: ({ pageParam }) => fetchOwnershipItems(userId, { type: type ?? undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: type !== null,
  });
  return (
    <Stack gap="xs">
      <Select
        label={t('deletion.items.perItem')}
        placeholder={t('deletion.items.chooseType')}
        clearable
        w={320}
        data={CONTENT_TYPES.map((type) => ({ value: type, label: t(`content.type.${type}`) }))}
        value={type}
        onChange={(v) => setType(v)}
      />
      {type && (
        <Table aria-label={t('deletion.items.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deletion.items.item')}</Table.Th>
              <Table.Th>{t('deletion.ownership.decision')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.data?.pages
              .flatMap((p) => p.items)
              .map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    {item.title}{' '}
                    {item.sequenceStatus && (
                      <Badge size="xs" variant="light" color={item.sequenceStatus === 'active' ? 'green' : 'gray'}>
                        {t(item.sequenceStatus === 'active' ? 'deletion.items.active' : 'deletion.items.paused')}
                      </Badge>
                    )}
                    {item.collaboratorCount > 0 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {t('deletion.count.collaborators', { count: item.collaboratorCount })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ChoiceEditor
                      label={t('deletion.items.decisionFor', { title: item.title })}
                      hideLabel
                      choice={perItem[item.id] ?? null}
                      onChange={(c) => setPerItem((p) => ({ ...p, [item.id]: c }))}
                      exclude={[userId]}
                      inherit={t('deletion.items.asForType')}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
      {items.hasNextPage && (
        <Button variant="subtle" onClick={() => void items.fetchNextPage()} loading={items.isFetchingNextPage}>
          {t('deletion.items.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
