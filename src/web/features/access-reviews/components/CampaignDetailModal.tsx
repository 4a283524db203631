import { Alert, Anchor, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CampaignDetail } from '../../../../contracts/access-reviews';
import { errorMessage } from '../../../shared/api';
import { closeCampaign, evidenceUrl, fetchCampaign, reviewKeys } from '../api';
import { ItemsTable } from './ItemsTable';
import { ReassignReviewerPanel } from './ReassignReviewerPanel';

/** The evidence download, and for an open campaign: reassign a reviewer, close. */
function ManageActions({ campaign: c, onReassign, onClose }: { campaign: CampaignDetail; onReassign: () => void; onClose: () => void }) {
  return (
    <Group>
      <Anchor href={evidenceUrl(c.id)} download size="sm">
        Download evidence package
      </Anchor>
      {c.status === 'open' && (
        <>
          <Button variant="default" onClick={onReassign}>
            Reassign reviewer
          </Button>
          <Button color="red.8" onClick={onClose}>
            Close campaign
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
    mutationFn: () => closeCampaign(id!, { revokeUnreviewed, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: async (closed) => {
      setClosing(false);
      queryClient.setQueryData(reviewKeys.campaign(closed.id), closed);
      await queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      const revoked = closed.items.filter((i) => i.outcome === 'revoked').length;
      notifications.show({ color: 'green', message: `Campaign closed: ${revoked} revocation${revoked === 1 ? '' : 's'} applied.` });
    },
  });
  const c = campaign.data;
  return (
    <Modal opened={!!id} onClose={onClose} size="90%" title={c ? c.name : 'Campaign'}>
      {campaign.error && <Alert color="red">{errorMessage(campaign.error)}</Alert>}
      {c && (
        <Stack>
          <Group justify="space-between">
            <Text size="sm">
              {c.scope.label} · {c.reviewers.label} · due {new Date(c.dueAt).toLocaleDateString()} · {c.counts.decided} of {c.counts.items} decided ·{' '}
              {c.status === 'open' ? 'Open' : `Closed ${new Date(c.closedAt!).toLocaleString()}`}
            </Text>
            {canManage && <ManageActions campaign={c} onReassign={() => setReassigning(true)} onClose={() => setClosing(true)} />}
          </Group>
          {reassigning && c.status === 'open' && <ReassignReviewerPanel campaign={c} onDone={() => setReassigning(false)} />}
          {closing && (
            <Alert color="orange" title="Close this campaign?">
              <Stack gap="xs">
                <Text size="sm">
                  Each “Revoke” sets the user’s role to the organization’s narrowest role, through the same checks as the user page (grant ceiling, last
                  administrator). Their account, groups and content stay as they are.
                </Text>
                {close.error && (
                  <Text c="var(--mantine-color-error)" size="sm">
                    {errorMessage(close.error)}
                  </Text>
                )}
                <Checkbox
                  label="Also revoke access nobody reviewed"
                  checked={revokeUnreviewed}
                  onChange={(e) => setRevokeUnreviewed(e.currentTarget.checked)}
                />
                <Textarea label="Reason (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setClosing(false)}>
                    Cancel
                  </Button>
                  <Button color="red.8" loading={close.isPending} onClick={() => close.mutate()}>
                    Close and apply
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <ItemsTable items={c.items} label="Campaign items" />
        </Stack>
      )}
    </Modal>
  );
}
