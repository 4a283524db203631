import { Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import type { InviteOutcome, InviteResult } from '../../../../contracts/invitations';
import { OutcomeBadge } from './OutcomeBadge';
import { inviteResultText } from '../inviteResultText';
import { formatNumber } from '../../../shared/format';
import { t } from '../../../shared/i18n';

const ORDER: InviteOutcome[] = ['invited', 'updated', 'renewed', 'unchanged', 'rejected'];

export function summarize(outcomes: InviteOutcome[]): string {
  const counts = new Map<InviteOutcome, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return ORDER.filter((o) => counts.get(o))
    .map((o) => t(`inviteMany.summary.${o}`, { count: formatNumber(counts.get(o)!) }))
    .join(' · ');
}

/** One line per address: what happened, in the reader's words. */
export function InviteResultsList({ results }: { results: InviteResult[] }) {
  return (
    <Stack gap="xs">
      <Text fw={600}>{summarize(results.map((r) => r.outcome))}</Text>
      <ScrollArea.Autosize mah={360}>
        <Stack gap={6} aria-label={t('inviteMany.results')} role="list">
          {results.map((r, i) => (
            <Paper
              key={`${r.email}-${i}`}
              withBorder
              px="sm"
              py={6}
              role="listitem"
              bg={r.outcome === 'rejected' ? 'var(--mantine-color-red-light)' : undefined}
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <OutcomeBadge outcome={r.outcome} />
                <Text size="sm">{inviteResultText(r)}</Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}
