import { Button, Center } from '@mantine/core';
import { t } from '../i18n';

/** The "Load more" of every paged list (see usePagedList's `more`): asks for the next page; absent on the last one. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  if (!hasMore) return null;
  return (
    <Center mt="sm">
      <Button variant="default" size="xs" onClick={onClick} loading={loading}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
