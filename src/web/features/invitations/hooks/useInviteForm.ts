import { useState } from 'react';
import { useInviteLookups } from './useInviteLookups';

/** The role, group and reason the one-person and several-at-once forms share; the role defaults to Member when the user may grant it. */
export function useInviteForm() {
  const lookups = useInviteLookups();
  const [roleId, setRoleId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return {
    lookups,
    roleId: roleId ?? lookups.defaultRoleId ?? null,
    groupId,
    reason,
    setRoleId,
    setGroupId,
    setReason,
    reset: () => {
      setGroupId(null);
    },
  };
}
