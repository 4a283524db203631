import { Alert, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DecideBody, DecideResult } from '../../../../contracts/access-reviews';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePages } from '../../../shared/usePages';
import { decide, fetchMyItems, reviewKeys } from '../api';
import { DecisionModal } from './DecisionModal';
import { ItemsTable } from './ItemsTable';
import { t } from '../../../shared/i18n';

/** Why decisions were not recorded, one line per item, in the reviewer's words. */
function RefusedAlert({ result, onClose }: { result: DecideResult; onClose: () => void }) {
  return (
    <Alert color="red" title={t('reviews.refused', { count: result.refused.length })} withCloseButton onClose={onClose}>
      <List size="sm">
        {result.refused.map((r) => (
          <List.Item key={r.itemId + r.code}>
            {r.userEmail ? `${r.userEmail}: ` : ''}
            {r.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The items the signed-in person reviews, with Keep / Revoke for one or many, and why any was refused. */
export function MyReviewsSection() {
  const queryClient = useQueryClient();
  const mine = usePages(reviewKeys.mine, fetchMyItems);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [deciding, setDeciding] = useState<'keep' | 'revoke' | null>(null);
  const [result, setResult] = useState<DecideResult | null>(null);
  const submit = useMutation({
    mutationFn: (body: DecideBody) => decide(body),
    onSuccess: async (outcome) => {
      setResult(outcome);
      setDeciding(null);
      setSelected(new Set());
      if (outcome.decided) notifications.show({ color: 'green', message: t('reviews.recorded', { count: outcome.decided }) });
      await queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
    },
    onError: (error) => {
      setDeciding(null);
      setResult({ decided: 0, refused: [{ itemId: '', userEmail: '', code: 'ERROR', message: errorMessage(error) }] });
    },
  });
  const items = mine.data?.items ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('reviews.mine.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('reviews.mine.intro')}
          </Text>
        </div>
        <Group>
          <Button color="indigo.7" disabled={selected.size === 0} onClick={() => setDeciding('keep')}>
            {t('reviews.keep')}
          </Button>
          <Button color="red" variant="outline" disabled={selected.size === 0} onClick={() => setDeciding('revoke')}>
            {t('reviews.revoke')}
          </Button>
        </Group>
      </Group>
      {result && result.refused.length > 0 && <RefusedAlert result={result} onClose={() => setResult(null)} />}
      <Card withBorder padding={0}>
        {mine.error ? (
          <Alert color="red" m="md">
            {errorMessage(mine.error)}
          </Alert>
        ) : items.length === 0 ? (
          <Text c="dimmed" p="md" size="sm">
            {t(mine.isLoading ? 'reviews.loading' : 'reviews.nothing')}
          </Text>
        ) : (
          <>
            <ItemsTable items={items} selected={selected} toggle={toggle} setAll={(ids) => setSelected(new Set(ids))} label={t('reviews.mine.table')} />
            <LoadMore {...mine.more} />
          </>
        )}
      </Card>
      <DecisionModal
        decision={deciding}
        count={selected.size}
        pending={submit.isPending}
        onClose={() => setDeciding(null)}
        onSubmit={(reason) => deciding && submit.mutate({ itemIds: [...selected], decision: deciding, reason })}
      />
    </Stack>
  );
}
