import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { Dispatch, SetStateAction } from 'react';
import { useNavigate } from 'react-router';
import type { GroupDetail, Group as GroupSummary } from '../../../../contracts/groups';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { addGroupMembers, deleteGroup, groupKeys, removeGroupMembers, updateGroup } from '../api';
import { useGroupUpdated } from '../hooks/useGroupUpdated';
import { AddMembersModal } from './AddMembersModal';
import { GroupFormModal } from './GroupFormModal';

export type GroupDialog = 'edit' | 'add' | 'remove' | 'delete' | null;

interface Props {
  /** The group id of the page's URL: its cache key. */
  id: string;
  dialog: GroupDialog;
  g: GroupDetail;
  selected: string[];
  setSelected: Dispatch<SetStateAction<string[]>>;
  onClose: () => void;
}

/** The open dialog of the group page (edit, add members, remove the selected, delete) and the change it sends. */
export function GroupDialogs({ id, dialog, g, selected, setSelected, onClose }: Props) {
  const reasonRequired = useReasonRequired();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const updated = useGroupUpdated(id);
  const memberIds = new Set(g.members.map((m) => m.id));
  return (
    <>
      {dialog === 'edit' && (
        <GroupFormModal
          title="Edit group"
          submitLabel="Save"
          initial={{ name: g.name, description: g.description }}
          onClose={onClose}
          onSubmit={async (v) => {
            const data = await updateGroup(g.id, { name: v.name, description: v.description, reason: v.reason });
            updated(data);
            notifications.show({ color: 'green', message: `Group ${data.name} saved.` });
          }}
        />
      )}
      {dialog === 'add' && (
        <AddMembersModal
          groupName={g.name}
          memberIds={memberIds}
          onClose={onClose}
          onSubmit={async (userIds, reason) => {
            const data = await addGroupMembers(g.id, userIds, reason);
            updated(data);
            notifications.show({ color: 'green', message: `Added ${userIds.length} member${userIds.length === 1 ? '' : 's'} to ${data.name}.` });
          }}
        />
      )}
      {dialog === 'remove' && (
        <ConfirmWithReasonModal
          title={`Remove ${selected.length} member${selected.length === 1 ? '' : 's'}?`}
          confirmLabel="Remove from group"
          reasonRequired={reasonRequired}
          onClose={onClose}
          onConfirm={async (reason) => {
            const count = selected.length;
            const data = await removeGroupMembers(g.id, selected, reason);
            setSelected([]);
            updated(data);
            notifications.show({ color: 'green', message: `Removed ${count} member${count === 1 ? '' : 's'} from ${data.name}.` });
          }}
        >
          {g.members
            .filter((m) => selected.includes(m.id))
            .slice(0, 5)
            .map((m) => m.name || m.email)
            .join(', ')}
          {selected.length > 5 ? ` and ${selected.length - 5} more` : ''} leave {g.name}. Their accounts and roles stay as they are.
        </ConfirmWithReasonModal>
      )}
      {dialog === 'delete' && (
        <ConfirmWithReasonModal
          title={`Delete ${g.name}?`}
          confirmLabel="Delete group"
          reasonRequired={reasonRequired}
          typeToConfirm={g.name}
          onClose={onClose}
          onConfirm={async (reason) => {
            await deleteGroup(g.id, reason);
            queryClient.removeQueries({ queryKey: groupKeys.detail(g.id) });
            // The list must not show the deleted group while it refetches.
            queryClient.setQueryData<{ items: GroupSummary[] }>(groupKeys.all, (old) => (old ? { items: old.items.filter((x) => x.id !== g.id) } : old));
            void queryClient.invalidateQueries({ queryKey: groupKeys.all });
            void queryClient.invalidateQueries({ queryKey: ['users'] });
            notifications.show({
              color: 'green',
              message: `Group ${g.name} deleted. Its ${g.memberCount} member${g.memberCount === 1 ? '' : 's'} keep their accounts.`,
            });
            void navigate('/admin/groups');
          }}
        >
          The group and its {g.memberCount} membership{g.memberCount === 1 ? '' : 's'} are removed. Members keep their accounts and roles.
        </ConfirmWithReasonModal>
      )}
    </>
  );
}
