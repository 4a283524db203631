import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { t } from '../../../shared/i18n';

/** "51–100 of 1,234" with Previous and Next. */
export function UsersPager({
  firstRow,
  count,
  totalText,
  pageNumber,
  nextCursor,
  previousPage,
  nextPage,
}: {
  firstRow: number;
  count: number;
  totalText: string;
  pageNumber: number;
  nextCursor: string | null | undefined;
  previousPage: () => void;
  nextPage: (cursor: string) => void;
}) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {t('users.pager', { first: firstRow, last: firstRow + count - 1, total: totalText })}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={pageNumber === 1} onClick={previousPage}>
          {t('users.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} />}
          disabled={!nextCursor}
          onClick={() => nextCursor && nextPage(nextCursor)}
        >
          {t('users.next')}
        </Button>
      </Group>
    </Group>
  );
}
