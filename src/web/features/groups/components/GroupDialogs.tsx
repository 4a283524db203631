import { notifications } from '@mantine/notifications';
import type { Dispatch, SetStateAction } from 'react';
import type { GroupDetail } from '../../../../contracts/groups';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { addGroupMembers, removeGroupMembers, updateGroup } from '../api';
import { useDeleteGroup } from '../hooks/useDeleteGroup';
import { useGroupUpdated } from '../hooks/useGroupUpdated';
import { AddMembersModal } from './AddMembersModal';
import { GroupFormModal } from './GroupFormModal';
import { RemoveMembersSummary } from './RemoveMembersSummary';
import { t } from '../../../shared/i18n';

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
  const updated = useGroupUpdated(id);
  const deleteTheGroup = useDeleteGroup(g);
  const memberIds = new Set(g.members.map((m) => m.id));
  return (
    <>
      {dialog === 'edit' && (
        <GroupFormModal
          title={t('group.edit.title')}
          submitLabel={t('common.save')}
          initial={{ name: g.name, description: g.description }}
          onClose={onClose}
          onSubmit={async (v) => {
            const data = await updateGroup(g.id, { name: v.name, description: v.description, reason: v.reason });
            updated(data);
            notifications.show({ color: 'green', message: t('group.saved', { name: data.name }) });
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
            notifications.show({ color: 'green', message: t('group.added', { count: userIds.length, name: data.name }) });
          }}
        />
      )}
      {dialog === 'remove' && (
        <ConfirmWithReasonModal
          title={t('group.remove.title', { count: selected.length })}
          confirmLabel={t('group.remove.confirm')}
          reasonRequired={reasonRequired}
          onClose={onClose}
          onConfirm={async (reason) => {
            const count = selected.length;
            const data = await removeGroupMembers(g.id, selected, reason);
            setSelected([]);
            updated(data);
            notifications.show({ color: 'green', message: t('group.removed', { count, name: data.name }) });
          }}
        >
          <RemoveMembersSummary g={g} selected={selected} />
        </ConfirmWithReasonModal>
      )}
      {dialog === 'delete' && (
        <ConfirmWithReasonModal
          title={t('group.delete.title', { name: g.name })}
          confirmLabel={t('group.delete')}
          reasonRequired={reasonRequired}
          typeToConfirm={g.name}
          onClose={onClose}
          onConfirm={deleteTheGroup}
        >
          {t('group.delete.text', { count: g.memberCount })}
        </ConfirmWithReasonModal>
      )}
    </>
  );
}
