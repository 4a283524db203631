import { Card, Loader, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { OwnerPicker } from '../components/OwnerPicker';
import { PermissionList } from '../components/PermissionList';
import { PermissionPicker } from '../components/PermissionPicker';
import { ReviewAndSaveCard } from '../components/ReviewAndSaveCard';
import { RoleEditorHeader } from '../components/RoleEditorHeader';
import { SecurityPolicyFields } from '../components/SecurityPolicyFields';
import { useRoleEditor } from '../hooks/useRoleEditor';
import { LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

/** "New Role" and role editing: name, permissions, "Configure security policy", owner, then "Review impact" before "Save role". */
export function RoleEditorPage() {
  const { id } = useParams();
  // A fresh editor per role, so moving to a duplicate starts from its own data.
  return <RoleEditor key={id ?? 'new'} id={id} />;
}

function RoleEditor({ id }: { id: string | undefined }) {
  const editor = useRoleEditor(id);
  const { held, catalogue, role, draft, change, showErrors, readOnly, privileged, nameError, ownerError } = editor;

  if (catalogue.isLoading || role.isLoading) return <Loader />;
  if (catalogue.error || role.error)
    return (
      <LoadFailure
        error={catalogue.error ?? role.error}
        title={t('roleEditor.loadFailed')}
        onRetry={() => void Promise.all([catalogue.refetch(), role.refetch()])}
      />
    );

  return (
    <Stack maw={900}>
      <RoleEditorHeader editor={editor} />

      <Card withBorder>
        <Stack>
          <TextInput
            label={t('roleEditor.name')}
            placeholder={t('roleEditor.namePlaceholder')}
            withAsterisk
            value={draft.name}
            disabled={readOnly}
            error={showErrors && nameError}
            onChange={(e) => change({ name: e.currentTarget.value })}
            maxLength={100}
          />
          <Textarea
            label={t('roleEditor.description')}
            placeholder={t('roleEditor.descriptionPlaceholder')}
            value={draft.description}
            disabled={readOnly}
            onChange={(e) => change({ description: e.currentTarget.value })}
            maxLength={500}
            autosize
            minRows={2}
          />
        </Stack>
      </Card>

      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t('roleEditor.permissions')}
        </Title>
        {role.data?.system ? (
          <PermissionList catalogue={catalogue.data!} value={draft.permissions} />
        ) : (
          <PermissionPicker
            catalogue={catalogue.data!}
            value={draft.permissions}
            onChange={(permissions) => change({ permissions })}
            held={held}
            readOnly={readOnly}
          />
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          {t('roleEditor.securityPolicy')}
        </Title>
        <SecurityPolicyFields value={draft.securityPolicy} onChange={(securityPolicy) => change({ securityPolicy })} readOnly={readOnly} />
      </Card>

      {!role.data?.system && (
        <Card withBorder>
          <OwnerPicker
            value={draft.ownerUserId}
            current={role.data?.owner ?? null}
            onChange={(ownerUserId) => change({ ownerUserId })}
            required={privileged}
            error={showErrors ? ownerError : null}
            readOnly={readOnly}
          />
        </Card>
      )}

      {!readOnly && <ReviewAndSaveCard editor={editor} />}
    </Stack>
  );
}
