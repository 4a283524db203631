import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconActivity, IconShieldCheck } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityItem } from '../../../../contracts/usage';
import { errorMessage } from '../../../shared/api';
import { fetchUserActivity } from '../api';
import { plural } from '../../../shared/format';
import { When } from '../../../shared/When';

/** What a usage event's quantity counts, by type (the API: "e.g. tokens"). */
const QUANTITY: Record<string, [string, string]> = { chat_message: ['token', 'tokens'] };

function detail(item: ActivityItem): string | null {
  const parts: string[] = [];
  if (item.kind === 'audit' && item.actor) parts.push(`by ${item.actor.label}`);
  if (item.kind === 'usage' && item.quantity !== null && item.quantity !== 1) {
    const [one, other] = QUANTITY[item.type] ?? ['unit', 'units'];
    parts.push(plural(item.quantity, one, other));
  }
  if (item.workspaceId) parts.push(`in Workspace ${item.workspaceId}`);
  if (item.reason) parts.push(`reason: “${item.reason}”`);
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
        Recent activity
      </Title>
      {feed.isLoading ? (
        <Loader size="sm" aria-label="Loading activity" />
      ) : feed.isError ? (
        <Alert color="red">{errorMessage(feed.error)}</Alert>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          No activity recorded yet. Usage from Sofie's services and changes made to this account will appear here.
        </Text>
      ) : (
        <Stack gap="sm">
          <Timeline bulletSize={22} lineWidth={2} aria-label="Recent activity">
            {items.map((item) => (
              <Timeline.Item
                key={`${item.kind}:${item.id}`}
                bullet={item.kind === 'usage' ? <IconActivity size={13} /> : <IconShieldCheck size={13} />}
                title={
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {item.label}
                    </Text>
                    {item.kind === 'audit' && (
                      <Badge size="xs" variant="light" color="gray">
                        Audit
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
              Show older activity
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}
