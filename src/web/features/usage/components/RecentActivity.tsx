import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconActivity, IconShieldCheck } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityItem } from '../../../../contracts/usage';
import { errorMessage } from '../../../shared/api';
import { fetchUserActivity } from '../api';
import { When } from '../../../shared/When';
import { t, tOr } from '../../../shared/i18n';

function detail(item: ActivityItem): string | null {
  const parts: string[] = [];
  if (item.kind === 'audit' && item.actor) parts.push(t('usage.activity.by', { actor: item.actor.label }));
  if (item.kind === 'usage' && item.quantity !== null && item.quantity !== 1) {
    // What the quantity counts, by type (the API: "e.g. tokens").
    parts.push(t(item.type === 'chat_message' ? 'usage.activity.quantity.chat_message' : 'usage.activity.quantity', { count: item.quantity }));
  }
  if (item.workspaceId) parts.push(t('usage.activity.inWorkspace', { workspace: item.workspaceId }));
  if (item.reason) parts.push(t('usage.activity.reason', { reason: item.reason }));
  return parts.length ? parts.join(' · ') : null;
}

/** "Recent activity" of one user: usage events and audit events about them, newest first. */
export function RecentActivity({ userId }: { userId: string }) {
  const feed = useInfiniteQuery({
    queryKey: ['user-activity', userId],
    queryFn: ({ pageParam }) => fetchUserActivity(userId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="recent-activity-title">
      <Title order={2} size="h4" mb="sm" id="recent-activity-title">
        {t('usage.activity.title')}
      </Title>
      {feed.isLoading ? (
        <Loader size="sm" aria-label={t('usage.activity.loading')} />
      ) : feed.isError ? (
        <Alert color="red">{errorMessage(feed.error)}</Alert>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {t('usage.activity.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Timeline bulletSize={22} lineWidth={2} aria-label={t('usage.activity.title')}>
            {items.map((item) => (
              <Timeline.Item
                key={`${item.kind}:${item.id}`}
                bullet={item.kind === 'usage' ? <IconActivity size={13} /> : <IconShieldCheck size={13} />}
                title={
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {item.kind === 'usage' ? tOr(`usage.activity.item.${item.type}`, item.label) : item.label}
                    </Text>
                    {item.kind === 'audit' && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('usage.activity.audit')}
                      </Badge>
                    )}
                  </Group>
                }
              >
                {detail(item) && (
                  <Text size="xs" c="dimmed">
                    {detail(item)}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  <When iso={item.occurredAt} absolute="time" />
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
          {feed.hasNextPage && (
            <Button variant="subtle" size="xs" onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage} w="fit-content">
              {t('usage.activity.older')}
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}
