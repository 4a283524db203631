import { Button } from '@mantine/core';
import { useT } from '../i18n';

/** "Load more" under a keyset-paged list: asks for the page after the last one shown; absent on the last page. */
export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const t = useT();
  if (!list.hasNextPage) return null;
  return (
    <Button variant="subtle" size="xs" w="fit-content" mt="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
      {t('common.loadMore')}
    </Button>
  );
}
