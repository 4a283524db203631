import { BarChart } from '@mantine/charts';
import { Alert, Card, Group, Loader, SegmentedControl, SimpleGrid, Text, Title } from '@mantine/core';
import { IconChartAreaLine } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { USAGE_EVENT_TYPES } from '../../../../contracts/usage';
import { errorMessage } from '../../../shared/api';
import { fetchUserUsage } from '../api';
import { USAGE_COLORS } from './usageColors';
import { formatDay, formatNumber } from '../../../shared/format';
import { usageLabel } from '../usageLabel';
import { t } from '../../../shared/i18n';

const dayLabel = (day: string) => formatDay(day);

/**
 * "Usage trends" of one user: events per day and type over 30 or 90 days (UTC), from the daily
 * rollups, as bars per day. With no usage in the window it says so instead of drawing a flat line.
 */
export function UsageTrends({ userId }: { userId: string }) {
  const [days, setDays] = useState<30 | 90>(30);
  const trend = useQuery({ queryKey: ['usage-trend', userId, days], queryFn: () => fetchUserUsage(userId, days), placeholderData: keepPreviousData });
  const data = trend.data;
  const used = data ? USAGE_EVENT_TYPES.filter((type) => data.totals.find((t) => t.type === type)!.events > 0) : [];
  return (
    <Card withBorder component="section" aria-labelledby="usage-trends-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="usage-trends-title">
          {t('usage.trends.title')}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t('usage.trends.period')}
          value={String(days)}
          onChange={(value) => setDays(value === '90' ? 90 : 30)}
          data={[
            { value: '30', label: t('usage.trends.days', { count: 30 }) },
            { value: '90', label: t('usage.trends.days', { count: 90 }) },
          ]}
        />
      </Group>
      {trend.isLoading ? (
        <Loader size="sm" aria-label={t('usage.trends.loading')} />
      ) : trend.isError ? (
        <Alert color="red">{errorMessage(trend.error)}</Alert>
      ) : !data?.hasData ? (
        <Group gap="sm" c="dimmed" py="lg" data-testid="usage-empty">
          <IconChartAreaLine size={20} aria-hidden />
          <Text size="sm">{t('usage.trends.none', { days })}</Text>
        </Group>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
            <div>
              <Text size="xs" c="dimmed">
                {t('usage.trends.events')}
              </Text>
              <Text fw={600}>{formatNumber(data.totalEvents)}</Text>
            </div>
            {data.totals
              .filter((t) => t.events > 0)
              .sort((a, b) => b.events - a.events)
              .slice(0, 3)
              .map((t) => (
                <div key={t.type}>
                  <Text size="xs" c="dimmed">
                    {usageLabel(t.type)}
                  </Text>
                  <Text fw={600}>{formatNumber(t.events)}</Text>
                </div>
              ))}
          </SimpleGrid>
          {/* Whole counts per day: one bar per day (stacked by type), integer ticks, nothing drawn between days. */}
          <BarChart
            data-testid="usage-trend-chart"
            role="img"
            h={240}
            data={data.series.map((p) => ({ ...p, date: dayLabel(p.day) }))}
            dataKey="date"
            type="stacked"
            yAxisProps={{ allowDecimals: false }}
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={used.map((type) => ({ name: type, label: usageLabel(type), color: USAGE_COLORS[type] }))}
            aria-label={t('usage.trends.chartLabel', { days, count: data.totalEvents })}
          />
          <Text size="xs" c="dimmed" mt="xs">
            {t('usage.trends.range', { from: dayLabel(data.from), to: dayLabel(data.to) })}
          </Text>
        </>
      )}
    </Card>
  );
}
