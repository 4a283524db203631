import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { WorkspaceRole } from '../../../../contracts/workspaces';
import { errorMessage } from '../../../shared/api';
import { useGroups } from '../../../shared/lookups';
import type { PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { removeWorkspaceMember, setWorkspaceMembers } from '../api';
import { t } from '../../../shared/i18n';

/** The "Add member" form (a user or a group, and a role) and the add / change role / remove calls of a Workspace's members. */
export function useWorkspaceMembers(id: string) {
  const queryClient = useQueryClient();
  const groups = useGroups();
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [user, setUser] = useState<PickedUser | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [role, setRole] = useState<WorkspaceRole>('editor');
  const onDone = (message: string) => (data: unknown) => {
    queryClient.setQueryData(['workspace', id], data);
    void queryClient.invalidateQueries({ queryKey: ['workspaces'] });
    notifications.show({ color: 'green', message });
  };
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });
  const add = useMutation({
    mutationFn: (m: { type: 'user' | 'group'; id: string; role: WorkspaceRole }) => setWorkspaceMembers(id, { members: [m] }),
    onSuccess: (data) => {
      onDone(t('workspace.added'))(data);
      setUser(null);
      setGroupId(null);
    },
    onError,
  });
  const change = useMutation({
    mutationFn: (m: { type: 'user' | 'group'; id: string; role: WorkspaceRole }) => setWorkspaceMembers(id, { members: [m] }),
    onSuccess: onDone(t('workspace.roleChanged')),
    onError,
  });
  const remove = useMutation({
    mutationFn: (m: { type: 'user' | 'group'; id: string }) => removeWorkspaceMember(id, m.type, m.id),
    onSuccess: onDone(t('workspace.removed')),
    onError,
  });

  // The member goes in through mutate(), from the render Add was clicked in (see UsageRetentionCard).
  const addMember = () => {
    const memberId = kind === 'user' ? user?.id : groupId;
    if (memberId) add.mutate({ type: kind, id: memberId, role });
  };

  return { groups, kind, setKind, user, setUser, groupId, setGroupId, role, setRole, add, addMember, change, remove };
}

export type WorkspaceMembers = ReturnType<typeof useWorkspaceMembers>;
