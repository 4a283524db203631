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

const SCOPES = [
  { value: 'privileged', label: 'Privileged users' },
  { value: 'all', label: 'All active users' },
  { value: 'role', label: 'A role' },
  { value: 'group', label: 'A group' },
  { value: 'workspace', label: 'A Workspace' },
];
const REVIEWERS = [
  { value: 'role_holders', label: 'Holders of a role' },
  { value: 'user', label: 'A named reviewer' },
  { value: 'manager', label: 'Each user’s manager (from SCIM)' },
];

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
  const [name, setName] = useState('Quarterly access review');
  const [scopeType, setScopeType] = useState('privileged');
  const [scopeId, setScopeId] = useState<string | null>(null);
  const [mode, setMode] = useState('role_holders');
  const [reviewerRole, setReviewerRole] = useState<string | null>(null);
  const [reviewer, setReviewer] = useState<PickedUser | null>(null);
  const [dueAt, setDueAt] = useState(inTwoWeeks());
  const { roleOptions, scopeOptions } = useScopeOptions(scopeType, can('workspaces.manage'));
  const start = useMutation({
    mutationFn: () => startCampaign(campaignBody({ name, scopeType, scopeId, mode, reviewerRole, reviewerId: reviewer?.id ?? null, dueAt })),
    onSuccess: async (campaign) => {
      await queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      notifications.show({
        color: 'green',
        message: `Campaign started with ${campaign.counts.items} ${campaign.counts.items === 1 ? 'person' : 'people'} to review.`,
      });
      onStarted(campaign);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Start a review campaign" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <Stack>
          {start.error && <Alert color="red">{errorMessage(start.error)}</Alert>}
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Group grow align="flex-start">
            <Select
              label="Scope"
              data={SCOPES}
              value={scopeType}
              allowDeselect={false}
              onChange={(v) => {
                setScopeType(v ?? 'privileged');
                setScopeId(null);
              }}
            />
            {['role', 'group', 'workspace'].includes(scopeType) && (
              <Select
                label={`Which ${scopeType === 'workspace' ? 'Workspace' : scopeType}`}
                data={scopeOptions}
                value={scopeId}
                onChange={setScopeId}
                searchable
                required
              />
            )}
          </Group>
          <Group grow align="flex-start">
            <Select label="Reviewers" data={REVIEWERS} value={mode} allowDeselect={false} onChange={(v) => setMode(v ?? 'role_holders')} />
            {mode === 'role_holders' && <Select label="Reviewer role" data={roleOptions} value={reviewerRole} onChange={setReviewerRole} searchable required />}
            {mode === 'user' && <ActiveUserPicker label="Reviewer" value={reviewer} onChange={setReviewer} />}
          </Group>
          <TextInput label="Due date" type="date" required value={dueAt} onChange={(e) => setDueAt(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="indigo.7" loading={start.isPending}>
              Start campaign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
