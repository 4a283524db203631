import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { When } from '../../../shared/When';
import { fetchScimRequests, scimRequestsKey, type ScimRequestOutcome } from '../api';
import { ScrollTable } from '../../../shared/ui/ScrollTable';
import { t, tOr } from '../../../shared/i18n';

const OUTCOME_COLORS = { success: 'green', warning: 'orange', failure: 'red' } as const;

/** Recent provisioning requests, newest first, to debug a failing sync: all, only failures, or only warnings. */
export function ProvisioningLog() {
  const [outcome, setOutcome] = useState<ScimRequestOutcome>('all');
  const log = useInfiniteQuery({
    queryKey: [...scimRequestsKey, outcome],
    queryFn: ({ pageParam }) => fetchScimRequests(outcome, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="xs" component="section" aria-label={t('scim.requests')}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} size="h5">
            {t('scim.requests')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('scim.requestsIntro')}
          </Text>
        </div>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label={t('scim.outcome')}
            value={outcome}
            onChange={setOutcome}
            data={[
              { value: 'all', label: t('scim.outcome.all') },
              { value: 'failure', label: t('scim.outcome.failure') },
              { value: 'warning', label: t('scim.outcome.warning') },
            ]}
          />
          <Button size="xs" variant="default" onClick={() => void log.refetch()} loading={log.isRefetching}>
            {t('scim.refresh')}
          </Button>
        </Group>
      </Group>
      {log.error && <Alert color="red">{errorMessage(log.error)}</Alert>}
      {log.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {outcome === 'all' ? t('scim.noRequests') : t('scim.noneIn30Days')}
        </Text>
      ) : (
        <RequestsTable items={items} />
      )}
      {log.hasNextPage && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t('scim.older')}
        </Button>
      )}
    </Stack>
  );
}

type Entry = Awaited<ReturnType<typeof fetchScimRequests>>['items'][number];

function RequestsTable({ items }: { items: Entry[] }) {
  return (
    <ScrollTable minWidth={640} aria-label={t('scim.requestsTable')} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>{t('scim.time')}</Table.Th>
          <Table.Th w={170}>{t('scim.operation')}</Table.Th>
          <Table.Th>{t('scim.request')}</Table.Th>
          <Table.Th w={150}>{t('scim.outcome')}</Table.Th>
          <Table.Th>{t('scim.detail')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((r) => (
          <Table.Tr key={r.id} data-testid="scim-request-row">
            <Table.Td>
              <When iso={r.at} never="—" />
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {r.operation} {r.resourceType ?? ''}
              </Text>
              {r.token && (
                <Text size="xs" c="dimmed">
                  {r.token.label}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                {r.method} {decodeURIComponentSafe(r.path)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={OUTCOME_COLORS[r.outcome]} variant="dot" c="var(--mantine-color-text)" tt="none" styles={{ label: { overflow: 'visible' } }}>
                {r.status} {tOr(`scim.result.${r.outcome}`, r.outcome)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {r.detail ?? '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
