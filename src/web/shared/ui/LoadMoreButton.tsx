import { Button, Center } from '@mantine/core';
import { t } from '../i18n';

/** "Load more" under a paged list, while the server has a next page (see usePages). */
export function LoadMoreButton({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  if (!hasMore) return null;
  return (
    <Center my="md">
      <Button variant="default" onClick={onClick} loading={loading}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
