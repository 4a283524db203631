import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Loader, Progress, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActiveCount } from '../../../../contracts/usage';
import { fetchUsageOverview } from '../api';
import { InactiveAccountsTable } from '../components/InactiveAccountsTable';
import { ReviewInactiveModal } from '../components/ReviewInactiveModal';
import { USAGE_COLORS } from '../components/usageColors';
import { useInactiveAccounts } from '../hooks/useInactiveAccounts';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { formatDay, formatMonth, formatNumber } from '../../../shared/format';
import { usageLabel } from '../usageLabel';
import { t } from '../../../shared/i18n';

const PERIOD_LABEL = {
  daily: (d: string) => formatDay(d),
  weekly: (d: string) => t('overview.weekOf', { day: formatDay(d) }),
  monthly: (d: string) => formatMonth(d),
};

/** "in all of last week", or "in the first 3 days of last week" while this week is 3 days old. */
function comparedWith(period: { previousDays: number; previousPeriodDays: number }, last: 'week' | 'month'): string {
  if (period.previousDays >= period.previousPeriodDays) return t(last === 'week' ? 'overview.allOfLastWeek' : 'overview.allOfLastMonth');
  return t(last === 'week' ? 'overview.firstDaysOfLastWeek' : 'overview.firstDaysOfLastMonth', { count: period.previousDays });
}

const NO_PERIOD = { previousDays: 0, previousPeriodDays: 0 };

interface StatProps {
  label: string;
  current: number;
  previous: number;
  previousLabel: string;
  /** False when the periods differ in length (today so far against all of yesterday): no up or down arrow. */
  comparable?: boolean;
  /** While the overview loads: the figures are skeletons of their own size, so nothing moves when they arrive. */
  loading?: boolean;
}

function ActiveStat({ label, current, previous, previousLabel, comparable = true, loading = false }: StatProps) {
  const diff = comparable ? current - previous : 0;
  return (
    <Card withBorder data-testid="active-stat">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Skeleton visible={loading} w={loading ? '30%' : undefined}>
        <Text fz={28} fw={700}>
          {formatNumber(current)}
        </Text>
      </Skeleton>
      <Skeleton visible={loading} w={loading ? '70%' : undefined}>
        <Group gap={4} c={diff > 0 ? 'teal' : diff < 0 ? 'red' : 'dimmed'}>
          {diff > 0 ? <IconArrowUpRight size={14} aria-hidden /> : diff < 0 ? <IconArrowDownRight size={14} aria-hidden /> : null}
          <Text size="xs">
            {formatNumber(previous)} {previousLabel}
          </Text>
        </Group>
      </Skeleton>
    </Card>
  );
}

/** The active-users chart; a skeleton of the chart's own height until the trend arrives. */
function ActiveTrend({ trend }: { trend?: { daily: ActiveCount[]; weekly: ActiveCount[]; monthly: ActiveCount[] } }) {
  const [period, setPeriod] = useState<'daily' | 'weekly' | 'monthly'>('daily');
  const data = (trend?.[period] ?? []).map((p) => ({ period: PERIOD_LABEL[period](p.periodStart), activeUsers: p.activeUsers }));
  return (
    <Card withBorder component="section" aria-labelledby="active-trend-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="active-trend-title">
          {t('overview.activeUsers')}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t('overview.activeUsersPer')}
          value={period}
          onChange={(v) => setPeriod(v)}
          data={[
            { value: 'daily', label: t('overview.perDay') },
            { value: 'weekly', label: t('overview.perWeek') },
            { value: 'monthly', label: t('overview.perMonth') },
          ]}
        />
      </Group>
      {trend ? (
        <BarChart
          role="img"
          h={220}
          data={data}
          dataKey="period"
          yAxisProps={{ allowDecimals: false }}
          series={[{ name: 'activeUsers', label: t('overview.activeUsers'), color: 'indigo.6' }]}
          aria-label={t(`overview.chartLabel.${period}`)}
        />
      ) : (
        <Skeleton h={220} />
      )}
    </Card>
  );
}

function InactiveAccounts() {
  const { days, setDays, selected, setSelected, reviewOpen, review, list, rows, total, toggle, chosen } = useInactiveAccounts();
  return (
    <Card withBorder component="section" aria-labelledby="inactive-title">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4" id="inactive-title">
            {t('overview.inactive.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('overview.inactive.hint', { days })}
          </Text>
        </div>
        <Select
          aria-label={t('overview.inactive.for')}
          w={170}
          value={days}
          onChange={(v) => {
            setDays(v ?? '30');
            setSelected(new Set());
          }}
          data={[
            { value: '14', label: t('overview.inactive.nothingIn', { days: 14 }) },
            { value: '30', label: t('overview.inactive.nothingIn', { days: 30 }) },
            { value: '60', label: t('overview.inactive.nothingIn', { days: 60 }) },
            { value: '90', label: t('overview.inactive.nothingIn', { days: 90 }) },
          ]}
          allowDeselect={false}
        />
      </Group>
      {list.isLoading ? (
        <Loader size="sm" />
      ) : list.isError ? (
        <LoadFailure error={list.error} title={t('overview.inactive.loadFailed')} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {t('overview.inactive.none', { days })}
        </Text>
      ) : (
        <>
          <Group mb="xs" gap="sm" mih={30}>
            <Text size="sm">
              {selected.size > 0 ? t('overview.inactive.selected', { count: selected.size }) : t('overview.inactive.total', { count: total })}
            </Text>
            {selected.size > 0 && (
              <>
                <Button size="xs" onClick={review.open}>
                  {t('overview.inactive.review')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setSelected(new Set())}>
                  {t('overview.inactive.clearSelection')}
                </Button>
              </>
            )}
          </Group>
          <InactiveAccountsTable rows={rows} selected={selected} setSelected={setSelected} toggle={toggle} />
          {list.hasNextPage && (
            <Button variant="subtle" size="xs" mt="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('overview.inactive.showMore')}
            </Button>
          )}
        </>
      )}
      <ReviewInactiveModal opened={reviewOpen} onClose={review.close} chosen={chosen} />
    </Card>
  );
}

/** Top event types of the last 30 days; one skeleton line (the height of the empty state) until they arrive. */
function TopTypes({ types }: { types?: { type: string; label: string; events: number }[] }) {
  const maxType = types?.[0]?.events ?? 1;
  return (
    <Card withBorder component="section" aria-labelledby="top-types-title">
      <Title order={2} size="h4" mb="sm" id="top-types-title">
        {t('overview.topTypes.title')}
      </Title>
      {!types ? (
        <Skeleton>
          <Text size="sm">&nbsp;</Text>
        </Skeleton>
      ) : types.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('overview.topTypes.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {types.map((top) => (
            <div key={top.type}>
              <Group justify="space-between">
                <Text size="sm">{usageLabel(top.type)}</Text>
                <Text size="sm" fw={500}>
                  {formatNumber(top.events)}
                </Text>
              </Group>
              <Progress
                value={(top.events / maxType) * 100}
                color={USAGE_COLORS[top.type as keyof typeof USAGE_COLORS] ?? 'indigo.6'}
                aria-label={t('overview.topTypes.bar', { label: usageLabel(top.type), events: top.events })}
              />
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** Organization overview: active users per day, week and month, top event types, inactive accounts. */
export function OverviewPage() {
  const overview = useQuery({ queryKey: ['usage-overview'], queryFn: () => fetchUsageOverview(30) });
  const o = overview.data;
  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('overview.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('overview.intro')}
        </Text>
      </div>
      {overview.isError ? (
        <LoadFailure error={overview.error} title={t('overview.loadFailed')} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <ActiveStat
              label={t('overview.activeToday')}
              current={o?.active.day.current ?? 0}
              previous={o?.active.day.previous ?? 0}
              previousLabel={t('overview.allOfYesterday')}
              comparable={false}
              loading={!o}
            />
            <ActiveStat
              label={t('overview.activeThisWeek')}
              current={o?.active.week.current ?? 0}
              previous={o?.active.week.previous ?? 0}
              previousLabel={comparedWith(o?.active.week ?? NO_PERIOD, 'week')}
              loading={!o}
            />
            <ActiveStat
              label={t('overview.activeThisMonth')}
              current={o?.active.month.current ?? 0}
              previous={o?.active.month.previous ?? 0}
              previousLabel={comparedWith(o?.active.month ?? NO_PERIOD, 'month')}
              loading={!o}
            />
          </SimpleGrid>
          <ActiveTrend trend={o?.trend} />
          <TopTypes types={o?.topTypes} />
          <InactiveAccounts />
        </>
      )}
    </Stack>
  );
}
