import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isPrivilegedSet } from '../../../../contracts/permissions';
import type { Role, RoleImpact, RoleSecurityPolicy } from '../../../../contracts/roles';
import { ApiError, errorMessage } from '../../../shared/api';
import { useMe } from '../../../shared/useMe';
import { createRole, duplicateRole, fetchPermissions, fetchRole, reviewImpact, updateRole } from '../api';
import { DeleteRoleButton } from '../components/DeleteRoleButton';
import { ImpactReview } from '../components/ImpactReview';
import { OwnerPicker } from '../components/OwnerPicker';
import { PermissionPicker } from '../components/PermissionPicker';
import { RoleBadges } from '../components/RoleBadges';
import { idleLogoutError, SecurityPolicyFields } from '../components/SecurityPolicyFields';
import { LoadFailure } from '../../../shared/access/LoadFailure';

interface Draft {
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
  securityPolicy: { requirePasskeyEnrollment: false, requirePasskeyAfterMagicLink: false, idleLogoutMinutes: null },
  ownerUserId: null,
};

function draftOf(role: Role): Draft {
  return { name: role.name, description: role.description, permissions: role.permissions, securityPolicy: role.securityPolicy, ownerUserId: role.owner?.id ?? null };
}

/** "New Role" and role editing: name, permissions, "Configure security policy", owner, then "Review impact" before "Save role". */
export function RoleEditorPage() {
  const { id } = useParams();
  // A fresh editor per role, so moving to a duplicate starts from its own data.
  return <RoleEditor key={id ?? 'new'} id={id} />;
}

function RoleEditor({ id }: { id: string | undefined }) {
  const isNew = !id;
  const me = useMe().data!;
  const held = new Set(me.permissions);
  const canManage = held.has('roles.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalogue = useQuery({ queryKey: ['permissions'], queryFn: fetchPermissions });
  const role = useQuery({ queryKey: ['roles', id], queryFn: () => fetchRole(id!), enabled: !isNew });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [impact, setImpact] = useState<RoleImpact | null>(null);
  const [showErrors, setShowErrors] = useState(false);

  useEffect(() => {
    if (role.data) setDraft(draftOf(role.data));
  }, [role.data]);

  const readOnly = !canManage || role.data?.system === true;
  const privileged = isPrivilegedSet(draft.permissions);
  const nameError = draft.name.trim() ? null : 'Give the role a name.';
  const ownerError = privileged && !draft.ownerUserId ? 'Choose an owner for this privileged role.' : null;
  const idleError = idleLogoutError(draft.securityPolicy.idleLogoutMinutes);
  const invalid = Boolean(nameError || ownerError || idleError);
  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setImpact(null);
  };

  const review = useMutation({
    mutationFn: () => reviewImpact({ roleId: id, permissions: draft.permissions }),
    onSuccess: setImpact,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = { name: draft.name, description: draft.description, permissions: draft.permissions, securityPolicy: draft.securityPolicy, ownerUserId: draft.ownerUserId };
      return isNew ? createRole(body) : updateRole(id!, { ...body, version: role.data!.version });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      notifications.show({ color: 'green', message: `Role "${saved.name}" saved.` });
      navigate('/admin/roles');
    },
  });
  const duplicate = useMutation({
    mutationFn: () => duplicateRole(id!),
    onSuccess: async (copy) => {
      await queryClient.invalidateQueries({ queryKey: ['roles'] });
      navigate(`/admin/roles/${copy.id}`);
    },
  });

  if (catalogue.isLoading || role.isLoading) return <Loader />;
  if (catalogue.error || role.error) return <LoadFailure error={catalogue.error ?? role.error} title="Could not load the role" />;

  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';
  return (
    <Stack maw={900}>
      <Anchor component={Link} to="/admin/roles" size="sm"><Group gap={4}><IconArrowLeft size={14} />Manage Roles</Group></Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{isNew ? 'New Role' : role.data!.name}</Title>
          {role.data && <RoleBadges role={role.data} />}
        </Group>
        {!isNew && canManage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconCopy size={16} />} loading={duplicate.isPending} onClick={() => duplicate.mutate()}>Duplicate</Button>
            {!role.data!.system && <DeleteRoleButton role={role.data!} onDeleted={() => navigate('/admin/roles')} />}
          </Group>
        )}
      </Group>
      {role.data?.system && <Alert color="gray">System roles cannot be edited or deleted. Duplicate this role to make a custom role you can change.</Alert>}
      {duplicate.error && <Alert color="red">{errorMessage(duplicate.error)}</Alert>}
      {role.data && <Text size="sm" c="dimmed">{role.data.userCount} {role.data.userCount === 1 ? 'user holds' : 'users hold'} this role.</Text>}

      <Card withBorder>
        <Stack>
          <TextInput label="Role name" placeholder="QA reviewer" withAsterisk value={draft.name} disabled={readOnly} error={showErrors && nameError} onChange={(e) => change({ name: e.currentTarget.value })} maxLength={100} />
          <Textarea label="Description" placeholder="What this role is for" value={draft.description} disabled={readOnly} onChange={(e) => change({ description: e.currentTarget.value })} maxLength={500} autosize minRows={2} />
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={3} mb="sm">Permissions</Title>
        <PermissionPicker catalogue={catalogue.data!} value={draft.permissions} onChange={(permissions) => change({ permissions })} held={held} readOnly={readOnly} />
      </Card>

      <Card withBorder>
        <Title order={3} mb="sm">Configure security policy</Title>
        <SecurityPolicyFields value={draft.securityPolicy} onChange={(securityPolicy) => change({ securityPolicy })} readOnly={readOnly} />
      </Card>

      {!role.data?.system && (
        <Card withBorder>
          <OwnerPicker value={draft.ownerUserId} current={role.data?.owner ?? null} onChange={(ownerUserId) => change({ ownerUserId })} required={privileged} error={showErrors ? ownerError : null} readOnly={readOnly} />
        </Card>
      )}

      {!readOnly && (
        <Card withBorder>
          {impact ? (
            <Stack>
              <ImpactReview impact={impact} isNew={isNew} />
              {save.error && (
                <Alert color="red" title="The role was not saved">
                  {errorMessage(save.error)}
                  {conflict && <Text size="sm" mt="xs">Reload the page to see the other change, then edit again.</Text>}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setImpact(null)}>Back to editing</Button>
                <Button loading={save.isPending} disabled={impact.problems.length > 0} onClick={() => save.mutate()}>Save role</Button>
              </Group>
            </Stack>
          ) : (
            <Group justify="space-between">
              <Text size="sm" c="dimmed">Review who gains or loses which permissions before saving.</Text>
              <Button
                loading={review.isPending}
                onClick={() => {
                  setShowErrors(true);
                  if (!invalid) review.mutate();
                }}
              >
                Review impact
              </Button>
            </Group>
          )}
          {review.error && <Alert color="red" mt="sm">{errorMessage(review.error)}</Alert>}
        </Card>
      )}
    </Stack>
  );
}
