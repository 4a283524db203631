import { Alert, Button, Group, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CampaignDetail, ReassignReviewerResult } from '../../../../contracts/access-reviews';
import { errorMessage } from '../../../shared/api';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { reassignReviewer } from '../api';
import { t } from '../../../shared/i18n';

const POOL = '__pool__';

/** The reviewers who still have open items in the campaign (and the reviewer role's unassigned pool), with how many. */
function reviewerOptions(campaign: CampaignDetail) {
  const open = new Map<string, { label: string; n: number }>();
  for (const item of campaign.items) {
    if (item.decision !== null) continue;
    const key = item.reviewer?.id ?? POOL;
    const entry = open.get(key) ?? { label: item.reviewer?.name ?? t('reassign.pool'), n: 0 };
    entry.n++;
    open.set(key, entry);
  }
  return [...open].map(([value, { label, n }]) => ({ value, label: t('reassign.option', { label, count: n }) }));
}

/** Hands one reviewer's open items to another person; items the new reviewer may not review stay, each with why. */
export function ReassignReviewerPanel({ campaign, onDone }: { campaign: CampaignDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<PickedUser | null>(null);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ReassignReviewerResult | null>(null);
  const reassign = useMutation({
    mutationFn: (chosen: { from: string; to: PickedUser; reason: string }) =>
      reassignReviewer(campaign.id, { fromUserId: chosen.from === POOL ? null : chosen.from, toUserId: chosen.to.id, reason: chosen.reason }),
    onSuccess: async (done, chosen) => {
      setResult(done);
      await queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      notifications.show({
        color: done.reassigned ? 'green' : 'orange',
        message: t('reassign.done', { count: done.reassigned, name: chosen.to.name }),
      });
      if (done.skipped.length === 0) onDone();
    },
  });
  return (
    <Alert color="indigo" title={t('reassign.title')}>
      <Stack gap="xs">
        <Text size="sm">{t('reassign.text')}</Text>
        {reassign.error && (
          <Text c="var(--mantine-color-error)" size="sm">
            {errorMessage(reassign.error)}
          </Text>
        )}
        {result && result.skipped.length > 0 && (
          <List size="sm" aria-label={t('reassign.left')}>
            {result.skipped.map((s) => (
              <List.Item key={s.itemId}>{s.message}</List.Item>
            ))}
          </List>
        )}
        <Group grow align="flex-start">
          <Select label={t('reassign.from')} data={reviewerOptions(campaign)} value={from} onChange={setFrom} required />
          <ActiveUserPicker label={t('reassign.to')} value={to} onChange={setTo} />
        </Group>
        <Textarea label={t('reassign.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            color="indigo.7"
            disabled={!from || !to || !reason.trim()}
            loading={reassign.isPending}
            onClick={() => from && to && reassign.mutate({ from, to, reason: reason.trim() })}
          >
            {t('reassign.submit')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
