import { Badge, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CONTENT_TYPES, CONTENT_TYPE_LABELS, type ContentType } from '../../../../../contracts/ownership';
import { fetchOwnershipItems } from '../../api';
import type { Choice } from './choice';
import { ChoiceEditor } from './ChoiceEditor';
import { plural } from '../../../../shared/format';

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
        label="Decide per item"
        placeholder="Choose a type to list its items"
        clearable
        w={320}
        data={CONTENT_TYPES.map((t) => ({ value: t, label: CONTENT_TYPE_LABELS[t] }))}
        value={type}
        onChange={(v) => setType(v)}
      />
      {type && (
        <Table aria-label="Items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Decision</Table.Th>
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
                        {item.sequenceStatus === 'active' ? 'Active' : 'Paused'}
                      </Badge>
                    )}
                    {item.collaboratorCount > 0 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {plural(item.collaboratorCount, 'collaborator', 'collaborators')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ChoiceEditor
                      label={`Decision for ${item.title}`}
                      hideLabel
                      choice={perItem[item.id] ?? null}
                      onChange={(c) => setPerItem((p) => ({ ...p, [item.id]: c }))}
                      exclude={[userId]}
                      inherit="As for the type"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
      {items.hasNextPage && (
        <Button variant="subtle" onClick={() => void items.fetchNextPage()} loading={items.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
