import { Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import { HelpMeChoosePanel, HelpMeChooseToggle } from './HelpMeChooseSlot';
import type { Field } from './inviteFields';
import { useInviteLookups } from '../hooks/useInviteLookups';
import { t } from '../../../shared/i18n';

interface RoleGroupReasonProps {
  roleId: string | null;
  groupId: string | null;
  reason: string;
  onRole: (id: string | null) => void;
  onGroup: (id: string | null) => void;
  onReason: (value: string) => void;
  errors: Partial<Record<Field, string>>;
}

/** Role (with room for "Help me choose"), optional Group, and the business reason when the org asks for one. */
export function RoleGroupReason({ roleId, groupId, reason, onRole, onGroup, onReason, errors }: RoleGroupReasonProps) {
  const lookups = useInviteLookups();
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <>
      <div style={{ position: 'relative' }}>
        <Select
          label={t('invite.role')}
          description={t('invite.roleHint')}
          placeholder={t('invite.chooseRole')}
          {...lookups.roleChoices.selectProps}
          value={roleId ?? lookups.defaultRoleId ?? null}
          onChange={onRole}
          allowDeselect={false}
          searchable
          error={errors.role}
        />
        <div style={{ position: 'absolute', top: -2, right: 0 }}>
          <HelpMeChooseToggle opened={helpOpen} onToggle={() => setHelpOpen((o) => !o)} />
        </div>
      </div>
      <HelpMeChoosePanel
        opened={helpOpen}
        onChoose={(id) => {
          onRole(id);
          setHelpOpen(false);
        }}
      />
      <Select
        label={t('invite.group')}
        description={t('invite.groupHint')}
        placeholder={t('invite.noGroup')}
        data={lookups.groupOptions}
        value={groupId}
        onChange={onGroup}
        clearable
        searchable
        nothingFoundMessage={t('invite.noGroups')}
        error={errors.group}
      />
      {lookups.reasonRequired && (
        <Textarea
          label={t('invite.reason')}
          description={t('invite.reasonHint')}
          withAsterisk
          value={reason}
          onChange={(e) => onReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          maxLength={1000}
        />
      )}
    </>
  );
}
