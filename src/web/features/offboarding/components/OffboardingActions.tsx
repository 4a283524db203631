import { Button, Checkbox, Group, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconRestore, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../shared/api';
import { useCan, useMe } from '../../../shared/useMe';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { formatDate } from '../../../shared/format';
import { deactivateUser, fetchPausedSequences, reactivateUser, restoreUser } from '../api';
import { restorable } from '../restorable';
import { t, tRich } from '../../../shared/i18n';

export interface OffboardingUser {
  id: string;
  name: string;
  email: string;
  status: string;
  restoreUntil?: string | null;
  /** The SCIM token label of the identity provider that owns this person's active status, if any. */
  provisionedBy?: string | null;
}

/** Deactivate / Reactivate for someone an identity provider provisions: shown, but its status is the provider's. */
function IdpOwnedStatusButton({ label, by }: { label: string; by: string }) {
  return (
    <Tooltip label={t('offboarding.idpOwned', { by })}>
      <span>
        <Button variant="default" disabled>
          {label}
        </Button>
      </span>
    </Tooltip>
  );
}

/**
 * The user detail page's offboarding buttons: Deactivate / Reactivate (users.deactivate), Delete user
 * (opens the wizard) and Restore (users.delete). Each shows only when it applies.
 */
export function OffboardingActions({ user }: { user: OffboardingUser }) {
  const can = useCan();
  const me = useMe();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['user', user.id] });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  // No self-deactivation or self-deletion: the server refuses it too.
  if (me.data?.user.id === user.id) return null;
  return (
    <Group gap="xs">
      {can('users.deactivate') && user.provisionedBy && user.status !== 'deleted' && (
        <IdpOwnedStatusButton label={user.status === 'deactivated' ? t('offboarding.reactivate') : t('offboarding.deactivate')} by={user.provisionedBy} />
      )}
      {can('users.deactivate') && !user.provisionedBy && (user.status === 'active' || user.status === 'invited') && (
        <DeactivateButton user={user} onDone={refresh} />
      )}
      {can('users.deactivate') && !user.provisionedBy && user.status === 'deactivated' && <ReactivateButton user={user} onDone={refresh} />}
      {can('users.delete') && user.status !== 'deleted' && (
        <Button component={Link} to={`/admin/users/${user.id}/delete`} color="red" variant="light" leftSection={<IconTrash size={16} />}>
          {t('offboarding.deleteUser')}
        </Button>
      )}
      {can('users.delete') && user.status === 'deleted' && restorable(user.restoreUntil) && <RestoreButton user={user} onDone={refresh} />}
    </Group>
  );
}

function DeactivateButton({ user, onDone }: { user: OffboardingUser; onDone: () => void }) {
  // The command palette's "Deactivate <user>…" opens this dialog (?do=deactivate).
  const [opened, { open, close }] = useDisclosure(new URLSearchParams(window.location.search).get('do') === 'deactivate');
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: (reasonGiven: string | undefined) => deactivateUser(user.id, reasonGiven),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        title: t('offboarding.deactivated.title', { name: user.name }),
        message: t('offboarding.deactivated.message', {
          sessions: t('offboarding.count.sessions', { count: r.sessionsRevoked }),
          invitations: t('offboarding.count.invitations', { count: r.invitationsRevoked }),
          sequences: t('offboarding.count.sequences', { count: r.sequencesPaused }),
        }),
      });
      close();
      onDone();
    },
  });
  return (
    <>
      <Button variant="default" leftSection={<IconPlayerPause size={16} />} onClick={open}>
        {t('offboarding.deactivate')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('offboarding.deactivateTitle', { name: user.name })}>
        <Stack>
          <Text size="sm">{t('offboarding.deactivateHint')}</Text>
          <Textarea label={t('offboarding.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {mutation.error && (
            <Text c="red" size="sm">
              {errorMessage(mutation.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="orange" onClick={() => mutation.mutate(reason || undefined)} loading={mutation.isPending}>
              {t('offboarding.deactivateUser')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ReactivateButton({ user, onDone }: { user: OffboardingUser; onDone: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [resume, setResume] = useState<string[] | null>(null);
  const paused = useQuery({ queryKey: ['paused-sequences', user.id], queryFn: () => fetchPausedSequences(user.id), enabled: opened });
  const chosen = resume ?? paused.data?.items.map((s) => s.id) ?? [];
  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof reactivateUser>[1]) => reactivateUser(user.id, body),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        title: t('offboarding.reactivated.title', { name: user.name }),
        message: t('offboarding.reactivated.message', { count: r.sequencesResumed }),
      });
      close();
      onDone();
    },
  });
  return (
    <>
      <Button variant="default" leftSection={<IconUserCheck size={16} />} onClick={open}>
        {t('offboarding.reactivate')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('offboarding.reactivateTitle', { name: user.name })}>
        <Stack>
          <Text size="sm">{t('offboarding.reactivateHint')}</Text>
          {!!paused.data?.items.length && (
            <Checkbox.Group label={t('offboarding.resumeSequences')} value={chosen} onChange={setResume}>
              <Stack gap={4} mt={4}>
                {paused.data.items.map((s) => (
                  <Checkbox key={s.id} value={s.id} label={<span translate="no">{s.title}</span>} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Textarea label={t('offboarding.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {mutation.error && (
            <Text c="red" size="sm">
              {errorMessage(mutation.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => mutation.mutate({ reason: reason || undefined, resumeSequenceIds: chosen })} loading={mutation.isPending}>
              {t('offboarding.reactivateUser')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RestoreButton({ user, onDone }: { user: OffboardingUser; onDone: () => void }) {
  const [opened, { open, close }] = useDisclosure(false);
  const reasonRequired = useReasonRequired();
  async function restore(reason: string | undefined) {
    const result = await restoreUser(user.id, reason);
    notifications.show({
      color: 'green',
      title: t('offboarding.restored.title'),
      message: t('offboarding.restored.message', {
        groups: t('offboarding.count.groups', { count: result.restoredGroups }),
        memberships: t('offboarding.count.workspaceMemberships', { count: result.restoredWorkspaceMemberships }),
      }),
    });
    onDone();
  }
  return (
    <>
      <Button variant="default" leftSection={<IconRestore size={16} />} onClick={open}>
        {t('offboarding.restoreUntil', { date: formatDate(user.restoreUntil) })}
      </Button>
      {opened && (
        <ConfirmWithReasonModal
          title={t('offboarding.restoreTitle')}
          confirmLabel={t('offboarding.restoreAccount')}
          color="indigo.7"
          reasonRequired={reasonRequired}
          onConfirm={restore}
          onClose={close}
        >
          {tRich('offboarding.restoreExplain', { deactivated: <b>{t('offboarding.restoreExplain.deactivated')}</b> })}
        </ConfirmWithReasonModal>
      )}
    </>
  );
}
