import { Alert, Button, Center, Checkbox, Group, Loader, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { alertKeys, assignAlert, dismissAlert, escalateAlert, fetchAlerts, fetchAssignees, fetchDigest, setDigest, type AlertView } from '../api';
import { AlertActionModal, type AlertAction } from './AlertActionModal';
import { AlertsTable } from './AlertsTable';
import { t } from '../../../shared/i18n';

function DigestSwitch() {
  const client = useQueryClient();
  const digest = useQuery({ queryKey: alertKeys.digest, queryFn: fetchDigest });
  const change = useMutation({ mutationFn: setDigest, onSuccess: (data) => client.setQueryData(alertKeys.digest, data) });
  return (
    <Switch
      label={t('alerts.digest')}
      checked={digest.data?.subscribed ?? false}
      disabled={digest.isLoading || change.isPending}
      onChange={(e) => change.mutate(e.currentTarget.checked)}
    />
  );
}

/** The Security Center's "Alerts" tab: elevated-risk activity to review, assign, escalate or dismiss with a reason. */
export function AlertsTab() {
  const client = useQueryClient();
  const [view, setView] = useState<AlertView>('open');
  const [mine, setMine] = useState(false);
  const [action, setAction] = useState<AlertAction | null>(null);
  const alerts = useInfiniteQuery({
    queryKey: alertKeys.list(view, mine),
    queryFn: ({ pageParam }) => fetchAlerts(view, mine, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const assignees = useQuery({ queryKey: alertKeys.assignees, queryFn: fetchAssignees });
  const refresh = () => client.invalidateQueries({ queryKey: alertKeys.all });
  const assign = useMutation({ mutationFn: ({ id, to }: { id: string; to: string | null }) => assignAlert(id, to), onSuccess: refresh });
  const items = alerts.data?.pages.flatMap((p) => p.items) ?? [];
  const options = (assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <SegmentedControl
            aria-label={t('alerts.which')}
            value={view}
            onChange={(v) => setView(v === 'dismissed' ? 'dismissed' : 'open')}
            data={[
              { value: 'open', label: t('alerts.open') },
              { value: 'dismissed', label: t('alerts.dismissed') },
            ]}
          />
          <Checkbox label={t('alerts.mine')} checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
        </Group>
        <DigestSwitch />
      </Group>
      {assign.error && (
        <Alert color="red" role="alert">
          {errorMessage(assign.error)}
        </Alert>
      )}
      {alerts.isLoading ? (
        <Center p="lg">
          <Loader aria-label={t('alerts.loading')} />
        </Center>
      ) : alerts.error ? (
        <Alert color="red">{errorMessage(alerts.error)}</Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          {t(view === 'open' ? 'alerts.noneOpen' : 'alerts.noneDismissed')}
        </Text>
      ) : (
        <AlertsTable items={items} assignees={options} onAssign={(id, to) => assign.mutate({ id, to })} onAction={setAction} />
      )}
      {alerts.hasNextPage && (
        <Button variant="default" onClick={() => void alerts.fetchNextPage()} loading={alerts.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          {t('alerts.showMore')}
        </Button>
      )}
      {action && (
        <AlertActionModal
          action={action}
          onConfirm={async (reason) => {
            await (action.kind === 'dismiss' ? dismissAlert : escalateAlert)(action.alert.id, reason);
            await refresh();
          }}
          onClose={() => setAction(null)}
        />
      )}
    </Stack>
  );
}
