import { Button, Center, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../../../../contracts/audit';
import { errorMessage } from '../../../../shared/api';
import { fetchUserHistory, userKeys } from '../../detail-api';
import { actionInWords, changesInWords } from './auditWords';
import { DetailSection } from './DetailSection';
import { exactTime, fromNow } from '../../../../shared/format';
import type { SectionProps } from './types';
import { t } from '../../../../shared/i18n';

export function useUserHistory(userId: string) {
  return useInfiniteQuery({
    queryKey: userKeys.history(userId),
    queryFn: ({ pageParam }) => fetchUserHistory(userId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function EventItem({ event, userId }: { event: AuditEvent; userId: string }) {
  const actor = event.actor ? (event.actor.id === userId ? t('user.history.theUser') : event.actor.label) : t('user.history.system');
  const changes = changesInWords(event);
  return (
    <Timeline.Item
      title={
        <Text size="sm" fw={600}>
          {actionInWords(event.action)}
        </Text>
      }
      data-testid="history-event"
    >
      <Text size="xs" c="dimmed">
        <time dateTime={event.createdAt} title={exactTime(event.createdAt)}>
          {fromNow(event.createdAt)}
        </time>
        {t('user.history.by', { actor })}
        {event.ip ? ` · ${event.ip}` : ''}
      </Text>
      {changes.map((line) => (
        <Text size="sm" key={line}>
          {line}
        </Text>
      ))}
      {event.reason && (
        <Text size="sm" c="dimmed">
          {t('user.history.reason')}
          <em>{event.reason}</em>
        </Text>
      )}
    </Timeline.Item>
  );
}

function EventList({ events, userId }: { events: AuditEvent[]; userId: string }) {
  return (
    <Timeline bulletSize={12} lineWidth={2} color="indigo">
      {events.map((e) => (
        <EventItem key={e.id} event={e} userId={userId} />
      ))}
    </Timeline>
  );
}

const ACTIVITY_CATEGORIES = new Set(['auth']);

/** What the user did lately: sign-ins and their own actions, from the audit log until usage data arrives. */
export function RecentActivitySection({ user }: SectionProps) {
  const history = useUserHistory(user.id);
  const events = (history.data?.pages.flatMap((p) => p.items) ?? []).filter((e) => ACTIVITY_CATEGORIES.has(e.category) || e.actor?.id === user.id).slice(0, 5);
  return (
    <DetailSection id="activity" title={t('user.activity.title')} description={t('user.activity.description')}>
      {history.isLoading ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : history.error ? (
        <Text c="red" size="sm">
          {errorMessage(history.error)}
        </Text>
      ) : events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('user.activity.none')}
        </Text>
      ) : (
        <EventList events={events} userId={user.id} />
      )}
    </DetailSection>
  );
}

/** Every audit event about the user, newest first: who did what, why, and what changed. */
export function HistorySection({ user }: SectionProps) {
  const history = useUserHistory(user.id);
  const events = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <DetailSection id="history" title={t('user.history.title')} description={t('user.history.description')}>
      {history.isLoading ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : history.error ? (
        <Text c="red" size="sm">
          {errorMessage(history.error)}
        </Text>
      ) : events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('user.history.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          <EventList events={events} userId={user.id} />
          {history.hasNextPage && (
            <Button variant="subtle" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage} style={{ alignSelf: 'flex-start' }}>
              {t('user.history.older')}
            </Button>
          )}
        </Stack>
      )}
    </DetailSection>
  );
}
