import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { isPrivilegedSet } from '../../../../contracts/permissions';
import type { Role, RoleImpact, RoleSecurityPolicy } from '../../../../contracts/roles';
import { useMe } from '../../../shared/useMe';
import { createRole, duplicateRole, fetchPermissions, fetchRole, reviewImpact, updateRole } from '../api';
import { idleLogoutError } from '../components/SecurityPolicyFields';
import { t } from '../../../shared/i18n';

export interface Draft {
  name: string;
  description: string;
  permissions: string[];
  securityPolicy: RoleSecurityPolicy;
  ownerUserId: string | null;
}

const emptyDraft: Draft = {
  name: '',
  description: '',
  permissions: [],
  securityPolicy: { requirePasskeyEnrollment: false, requirePasskeyAfterMagicLink: false, requirePasskeyAfterSso: false, idleLogoutMinutes: null },
  ownerUserId: null,
};

function draftOf(role: Role): Draft {
  return {
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    securityPolicy: role.securityPolicy,
    ownerUserId: role.owner?.id ?? null,
  };
}

/**
 * The role being edited (or created): the permission catalogue, the saved role, the draft and its
 * validation, and the three calls: review impact (shown only for the draft it reviewed), save (with
 * the role's version), duplicate.
 */
export function useRoleEditor(id: string | undefined) {
  const isNew = !id;
  const me = useMe().data!;
  const held = new Set(me.permissions);
  const canManage = held.has('roles.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalogue = useQuery({ queryKey: ['permissions'], queryFn: fetchPermissions });
  const role = useQuery({ queryKey: ['roles', id], queryFn: () => fetchRole(id!), enabled: !isNew });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  // A review holds for the draft it was asked about: a reply that comes back after another change
  // (the checkbox clicked while it was on its way) reviews a draft no longer on screen, and is not shown.
  const [reviewed, setReviewed] = useState<{ draft: Draft; impact: RoleImpact } | null>(null);
  const impact = reviewed?.draft === draft ? reviewed.impact : null;
  const clearImpact = () => setReviewed(null);
  const [showErrors, setShowErrors] = useState(false);

  useEffect(() => {
    if (role.data) setDraft(draftOf(role.data));
  }, [role.data]);

  const readOnly = !canManage || role.data?.system === true;
  const privileged = isPrivilegedSet(draft.permissions);
  const nameError = draft.name.trim() ? null : t('roleEditor.nameRequired');
  const ownerError = privileged && !draft.ownerUserId ? t('roleEditor.ownerRequired') : null;
  const idleError = idleLogoutError(draft.securityPolicy.idleLogoutMinutes);
  const invalid = Boolean(nameError || ownerError || idleError);
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  // The draft goes in through mutate(), from the render the button was clicked in: TanStack Query
  // takes a new mutationFn in an effect after render, so a closure over it could be a keystroke behind.
  const review = useMutation({
    mutationFn: (asked: Draft) => reviewImpact({ roleId: id, permissions: asked.permissions }),
    onSuccess: (result, asked) => setReviewed({ draft: asked, impact: result }),
  });
  const save = useMutation({
    mutationFn: ({ draft: d, version }: { draft: Draft; version: number | undefined }) => {
      const body = { name: d.name, description: d.description, permissions: d.permissions, securityPolicy: d.securityPolicy, ownerUserId: d.ownerUserId };
      return isNew ? createRole(body) : updateRole(id, { ...body, version: version! });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      notifications.show({ color: 'green', message: t('roleEditor.saved', { name: saved.name }) });
      void navigate('/admin/roles');
    },
  });
  const reviewDraft = () => review.mutate(draft);
  const saveDraft = () => save.mutate({ draft, version: role.data?.version });
  const duplicate = useMutation({
    mutationFn: () => duplicateRole(id!),
    onSuccess: async (copy) => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      void navigate(`/admin/roles/${copy.id}`);
    },
  });

  return {
    isNew,
    held,
    canManage,
    catalogue,
    role,
    draft,
    change,
    impact,
    clearImpact,
    showErrors,
    setShowErrors,
    readOnly,
    privileged,
    nameError,
    ownerError,
    invalid,
    review,
    reviewDraft,
    save,
    saveDraft,
    duplicate,
  };
}

export type RoleEditorState = ReturnType<typeof useRoleEditor>;
