import { ActionIcon, Alert, Button, Card, Group, Loader, Modal, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconFingerprint, IconLogout, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AccountSecurity, Passkey } from '../../../../contracts/passkeys';
import { errorMessage } from '../../../shared/api';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { addPasskey, fetchAccountSecurity, passkeyErrorMessage, removePasskey, renamePasskey, revokeOtherSessions, revokeSession } from '../api';

const when = (iso: string | null) => (iso ? dayjs(iso).format('D MMM YYYY, HH:mm') : 'Never');

const MFA_BADGE: Record<AccountSecurity['passkeyMfa']['status'], { label: string; color: string }> = {
  enabled: { label: 'Enabled', color: 'green' },
  not_set_up: { label: 'Not set up', color: 'gray' },
  required: { label: 'Required by policy', color: 'red' },
};

function idleText(minutes: number | null): string {
  if (!minutes) return 'Idle auto logout is off for your role.';
  return minutes % 60 === 0 ? `You are signed out after ${minutes / 60} h without activity.` : `You are signed out after ${minutes} minutes without activity.`;
}

/** Account > Security: Passkey MFA status, registered passkeys and your sessions. */
export function SecurityPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const security = useQuery({ queryKey: ['account-security'], queryFn: fetchAccountSecurity });
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [newName, setNewName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['account-security'] });

  const add = useMutation({
    mutationFn: () => addPasskey(),
    onSuccess: async (passkey) => {
      const wasGated = security.data?.gate !== null;
      notifications.show({ color: 'green', title: 'Passkey added', message: `${passkey.name} is ready. Use it with "Continue with passkey" next time.` });
      await refresh();
      if (wasGated) {
        await queryClient.invalidateQueries();
        navigate('/', { replace: true });
      }
    },
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renamePasskey(id, name),
    onSuccess: () => {
      setRenaming(null);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removePasskey(id),
    onSuccess: () => {
      notifications.show({ color: 'green', message: 'Passkey removed.' });
      return refresh();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Passkey not removed', message: errorMessage(e) }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeSession(id),
    onSuccess: (_r, id) => {
      if (security.data?.sessions.find((s) => s.id === id)?.current) {
        queryClient.clear();
        navigate('/sign-in', { replace: true });
        return;
      }
      notifications.show({ color: 'green', message: 'Session signed out.' });
      return refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  const revokeOthers = useMutation({
    mutationFn: revokeOtherSessions,
    onSuccess: (r) => {
      notifications.show({ color: 'green', message: `${r.revoked} other session${r.revoked === 1 ? '' : 's'} signed out.` });
      return refresh();
    },
  });

  if (security.isLoading) return <Loader aria-label="Loading" />;
  if (!security.data) return <Alert color="red">{errorMessage(security.error)}</Alert>;
  const data = security.data;
  const badge = MFA_BADGE[data.passkeyMfa.status];

  function confirmRemove(passkey: Passkey) {
    modals.openConfirmModal({
      title: `Remove ${passkey.name}?`,
      children: <Text size="sm">You will no longer be able to sign in with this passkey.</Text>,
      labels: { confirm: 'Remove passkey', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(passkey.id),
    });
  }

  return (
    <Stack maw={960}>
      <Title order={2}>Account security</Title>
      {data.gate === 'PASSKEY_ENROLLMENT_REQUIRED' && (
        <Alert color="orange" title="Add a passkey to continue" role="alert">
          Your organization requires a passkey for your account. Add one here; until then, the rest of Sofie stays locked.
        </Alert>
      )}
      {data.gate === 'PASSKEY_VERIFICATION_REQUIRED' && (
        <Alert color="orange" title="Confirm it’s you" role="alert">
          {data.recoveryUntil
            ? `Your role requires a passkey check after a magic-link sign-in. An administrator allowed you to add a new passkey instead, once, until ${when(data.recoveryUntil)}.`
            : 'Your role requires a passkey check after a magic-link sign-in: use a registered passkey. If you lost it, ask an administrator to allow a passkey recovery.'}
        </Alert>
      )}

      <Card withBorder>
        <Group justify="space-between">
          <div>
            <Title order={4}>Passkey MFA</Title>
            <Text size="sm" c="dimmed">{data.passkeyMfa.explanation}</Text>
          </div>
          <SoftBadge size="lg" color={badge.color} data-testid="passkey-mfa-status">{badge.label}</SoftBadge>
        </Group>
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>Registered passkeys</Title>
          {(data.gate !== 'PASSKEY_VERIFICATION_REQUIRED' || data.recoveryUntil) && (
            <Button color="indigo.7" leftSection={<IconFingerprint size={16} />} onClick={() => add.mutate()} loading={add.isPending}>
              Add passkey
            </Button>
          )}
        </Group>
        {add.isError && <Alert color="red" mb="sm">{passkeyErrorMessage(add.error)}</Alert>}
        {data.passkeys.length === 0 ? (
          <Text c="dimmed" size="sm">No passkeys yet. A passkey lets you sign in with your fingerprint, face or device PIN instead of an emailed link.</Text>
        ) : (
          <Table aria-label="Registered passkeys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.passkeys.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    <Tooltip label={p.kind === 'synced' ? 'Backed up to a password manager or cloud keychain' : 'Stays on one device or security key'}>
                      <SoftBadge color={p.kind === 'synced' ? 'indigo' : 'gray'}>{p.kind === 'synced' ? 'Synced' : 'Device-bound'}</SoftBadge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>{when(p.createdAt)}</Table.Td>
                  <Table.Td>{when(p.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end">
                      <ActionIcon variant="subtle" aria-label={`Rename ${p.name}`} onClick={() => { setRenaming(p); setNewName(p.name); }}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove ${p.name}`} onClick={() => confirmRemove(p)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={4}>Your sessions</Title>
            <Text size="sm" c="dimmed">{idleText(data.idleLogoutMinutes)}</Text>
          </div>
          <Button variant="default" leftSection={<IconLogout size={16} />} onClick={() => revokeOthers.mutate()} loading={revokeOthers.isPending} disabled={data.sessions.length < 2}>
            Sign out other sessions
          </Button>
        </Group>
        <Table aria-label="Your sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Device</Table.Th>
              <Table.Th>IP address</Table.Th>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.sessions.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {s.device} {s.current && <SoftBadge size="sm" ml={4} color="indigo">This device</SoftBadge>}
                </Table.Td>
                <Table.Td>{s.ip ?? '—'}</Table.Td>
                <Table.Td>{when(s.createdAt)} · {s.method === 'passkey' ? 'passkey' : 'email link'}</Table.Td>
                <Table.Td>{when(s.lastSeenAt)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(s.id)} aria-label={`Sign out ${s.device}${s.current ? ' (this device)' : ''}`}>
                    Sign out
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title="Rename passkey" centered>
        <form onSubmit={(e) => { e.preventDefault(); if (renaming && newName.trim()) rename.mutate({ id: renaming.id, name: newName.trim() }); }}>
          <Stack>
            <TextInput label="Passkey name" value={newName} onChange={(e) => setNewName(e.currentTarget.value)} maxLength={100} data-autofocus />
            {rename.isError && <Alert color="red">{errorMessage(rename.error)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRenaming(null)}>Cancel</Button>
              <Button type="submit" color="indigo.7" loading={rename.isPending}>Save</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
