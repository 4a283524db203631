import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { GroupDetail } from '../../../../contracts/groups';
import { errorMessage } from '../../../shared/api';
import { fetchGroupMembers } from '../api';

type Member = GroupDetail['members'][number];

/**
 * The group's members loaded so far: the detail's first page, then each next page "Load more" asks
 * for. A new view of the group (after a change) starts again from its first page.
 */
export function useGroupMembers(g: GroupDetail) {
  const [loaded, setLoaded] = useState<{ of: GroupDetail; more: Member[]; cursor: string | null }>({ of: g, more: [], cursor: g.membersNextCursor });
  const [loading, setLoading] = useState(false);
  const current = loaded.of === g ? loaded : { of: g, more: [], cursor: g.membersNextCursor };
  if (current !== loaded) setLoaded(current);

  async function loadMore() {
    if (!current.cursor) return;
    setLoading(true);
    try {
      const page = await fetchGroupMembers(g.id, current.cursor);
      setLoaded((was) => (was.of === g ? { of: g, more: [...was.more, ...page.items], cursor: page.nextCursor } : was));
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setLoading(false);
    }
  }

  return { members: [...g.members, ...current.more], more: { hasMore: current.cursor !== null, loading, onClick: () => void loadMore() } };
}
