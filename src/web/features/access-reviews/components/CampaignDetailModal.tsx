import { Alert, Anchor, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CampaignDetail } from '../../../../contracts/access-reviews';
import { errorMessage } from '../../../shared/api';
import { closeCampaign, evidenceUrl, fetchCampaign, reviewKeys } from '../api';
import { ItemsTable } from './ItemsTable';
import { ReassignReviewerPanel } from './ReassignReviewerPanel';
import { formatDate, formatDateTime } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { reviewersText, scopeText } from './campaignWords';

/** The evidence download, and for an open campaign: reassign a reviewer, close. */
function ManageActions({ campaign: c, onReassign, onClose }: { campaign: CampaignDetail; onReassign: () => void; onClose: () => void }) {
  return (
    <Group>
      <Anchor href={evidenceUrl(c.id)} download size="sm">
        {t('campaigns.evidence')}
      </Anchor>
      {c.status === 'open' && (
        <>
          <Button variant="default" onClick={onReassign}>
            {t('campaigns.reassign')}
          </Button>
          <Button color="red.8" onClick={onClose}>
            {t('campaigns.close')}
          </Button>
        </>
      )}
    </Group>
  );
}

/** A campaign's items, decisions and outcomes; closing it and downloading its evidence package. */
export function CampaignDetailModal({ id, canManage, onClose }: { id: string | null; canManage: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const campaign = useQuery({ queryKey: reviewKeys.campaign(id ?? ''), queryFn: () => fetchCampaign(id!), enabled: !!id });
  const [closing, setClosing] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [revokeUnreviewed, setRevokeUnreviewed] = useState(false);
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: (body: Parameters<typeof closeCampaign>[1]) => closeCampaign(id!, body),
    onSuccess: async (closed) => {
      setClosing(false);
      queryClient.setQueryData(reviewKeys.campaign(closed.id), closed);
      await queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      const revoked = closed.items.filter((i) => i.outcome === 'revoked').length;
      notifications.show({ color: 'green', message: t('campaigns.closedNotice', { count: revoked }) });
    },
  });
  const c = campaign.data;
  return (
    <Modal opened={!!id} onClose={onClose} size="90%" title={c ? <span translate="no">{c.name}</span> : t('campaigns.detailTitle')}>
      {campaign.error && <Alert color="red">{errorMessage(campaign.error)}</Alert>}
      {c && (
        <Stack>
          <Group justify="space-between">
            <Text size="sm">
              {t('campaigns.summary', {
                scope: scopeText(c.scope),
                reviewers: reviewersText(c.reviewers),
                due: formatDate(c.dueAt),
                decided: c.counts.decided,
                count: c.counts.items,
                status: c.status === 'open' ? t('campaigns.open') : t('campaigns.closedAt', { date: formatDateTime(c.closedAt) }),
              })}
            </Text>
            {canManage && <ManageActions campaign={c} onReassign={() => setReassigning(true)} onClose={() => setClosing(true)} />}
          </Group>
          {reassigning && c.status === 'open' && <ReassignReviewerPanel campaign={c} onDone={() => setReassigning(false)} />}
          {closing && (
            <Alert color="orange" title={t('campaigns.closeTitle')}>
              <Stack gap="xs">
                <Text size="sm">{t('campaigns.closeText')}</Text>
                {close.error && (
                  <Text c="var(--mantine-color-error)" size="sm">
                    {errorMessage(close.error)}
                  </Text>
                )}
                <Checkbox label={t('campaigns.revokeUnreviewed')} checked={revokeUnreviewed} onChange={(e) => setRevokeUnreviewed(e.currentTarget.checked)} />
                <Textarea label={t('campaigns.closeReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setClosing(false)}>
                    {t('common.cancel')}
                  </Button>
                  <Button
                    color="red.8"
                    loading={close.isPending}
                    onClick={() => close.mutate({ revokeUnreviewed, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
                  >
                    {t('campaigns.closeApply')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <ItemsTable items={c.items} label={t('campaigns.items')} />
        </Stack>
      )}
    </Modal>
  );
}
