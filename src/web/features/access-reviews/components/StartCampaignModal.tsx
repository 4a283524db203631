import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CampaignDetail, CreateCampaignBody } from '../../../../contracts/access-reviews';
import { errorMessage } from '../../../shared/api';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { useCan } from '../../../shared/useMe';
import { startCampaign } from '../api';
import { useScopeOptions } from '../hooks/useScopeOptions';
import { t } from '../../../shared/i18n';

const scopes = () => [
  { value: 'privileged', label: t('campaigns.scope.privileged') },
  { value: 'all', label: t('campaigns.scope.all') },
  { value: 'role', label: t('campaigns.scopeChoice.role') },
  { value: 'group', label: t('campaigns.scopeChoice.group') },
  { value: 'workspace', label: t('campaigns.scopeChoice.workspace') },
];
const reviewerModes = () => (['role_holders', 'user', 'manager'] as const).map((mode) => ({ value: mode, label: t(`campaigns.reviewers.${mode}`) }));

function inTwoWeeks(): string {
  return new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
}

function campaignBody(f: {
  name: string;
  scopeType: string;
  scopeId: string | null;
  mode: string;
  reviewerRole: string | null;
  reviewerId: string | null;
  dueAt: string;
}): CreateCampaignBody {
  return {
    name: f.name,
    scope: { type: f.scopeType as CreateCampaignBody['scope']['type'], ...(f.scopeId ? { id: f.scopeId } : {}) },
    reviewers: {
      mode: f.mode as CreateCampaignBody['reviewers']['mode'],
      ...(f.mode === 'role_holders' && f.reviewerRole ? { roleId: f.reviewerRole } : {}),
      ...(f.mode === 'user' && f.reviewerId ? { userId: f.reviewerId } : {}),
    },
    dueAt: f.dueAt,
  };
}

/** Starts a campaign: a scope, its reviewers and a due date. */
export function StartCampaignModal({ opened, onClose, onStarted }: { opened: boolean; onClose: () => void; onStarted: (c: CampaignDetail) => void }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const [name, setName] = useState(() => t('campaigns.defaultName'));
  const [scopeType, setScopeType] = useState('privileged');
  const [scopeId, setScopeId] = useState<string | null>(null);
  const [mode, setMode] = useState('role_holders');
  const [reviewerRole, setReviewerRole] = useState<string | null>(null);
  const [reviewer, setReviewer] = useState<PickedUser | null>(null);
  const [dueAt, setDueAt] = useState(inTwoWeeks());
  const { roleOptions, scopeOptions } = useScopeOptions(scopeType, can('workspaces.manage'));
  const start = useMutation({
    mutationFn: (body: CreateCampaignBody) => startCampaign(body),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      notifications.show({
        color: 'green',
        message: t('campaigns.started', { count: campaign.counts.items }),
      });
      onStarted(campaign);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('campaigns.startTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate(campaignBody({ name, scopeType, scopeId, mode, reviewerRole, reviewerId: reviewer?.id ?? null, dueAt }));
        }}
      >
        <Stack>
          {start.error && <Alert color="red">{errorMessage(start.error)}</Alert>}
          <TextInput label={t('campaigns.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Group grow align="flex-start">
            <Select
              label={t('campaigns.scope')}
              data={scopes()}
              value={scopeType}
              allowDeselect={false}
              onChange={(v) => {
                setScopeType(v ?? 'privileged');
                setScopeId(null);
              }}
            />
            {(scopeType === 'role' || scopeType === 'group' || scopeType === 'workspace') && (
              <Select label={t(`campaigns.which.${scopeType}`)} data={scopeOptions} value={scopeId} onChange={setScopeId} searchable required />
            )}
          </Group>
          <Group grow align="flex-start">
            <Select label={t('campaigns.reviewers')} data={reviewerModes()} value={mode} allowDeselect={false} onChange={(v) => setMode(v ?? 'role_holders')} />
            {mode === 'role_holders' && (
              <Select label={t('campaigns.reviewerRole')} data={roleOptions} value={reviewerRole} onChange={setReviewerRole} searchable required />
            )}
            {mode === 'user' && <ActiveUserPicker label={t('campaigns.reviewer')} value={reviewer} onChange={setReviewer} />}
          </Group>
          <TextInput label={t('campaigns.dueDate')} type="date" required value={dueAt} onChange={(e) => setDueAt(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="indigo.7" loading={start.isPending}>
              {t('campaigns.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
