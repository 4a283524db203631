import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../shared/api';
import { ChangeError } from '../../../shared/ui/ChangeError';
import { ReasonField } from '../../../shared/reason/ReasonField';
import { useReasonedSubmit } from '../../../shared/reason/useReasonedSubmit';
import { useReasonRequired } from '../../../shared/reason/useReasonRequired';
import { t } from '../../../shared/i18n';

export interface GroupFormValues {
  name: string;
  description: string;
  reason: string | undefined;
}

/** "New Group" and "Edit group": name, description, reason. A taken name is shown at the field. */
export function GroupFormModal({
  title,
  submitLabel,
  initial,
  onSubmit,
  onClose,
}: {
  title: string;
  submitLabel: string;
  initial?: { name: string; description: string };
  onSubmit: (values: GroupFormValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const reasonRequired = useReasonRequired();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [nameError, setNameError] = useState<string | null>(null);
  const form = useReasonedSubmit(reasonRequired);

  async function submit() {
    setNameError(name.trim() ? null : t('group.form.nameMissing'));
    if (!name.trim()) return;
    const takenOrBlank = (e: unknown) => {
      if (!(e instanceof ApiError && (e.code === 'GROUP_NAME_TAKEN' || e.code === 'GROUP_NAME_REQUIRED'))) return false;
      setNameError(e.message);
      return true;
    };
    if (await form.submit((reason) => onSubmit({ name: name.trim(), description: description.trim(), reason }), takenOrBlank)) onClose();
  }

  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('group.form.name')}
            placeholder={t('group.form.namePlaceholder')}
            withAsterisk
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError}
            data-autofocus
          />
          <Textarea
            label={t('group.form.description')}
            description={t('group.form.descriptionHint')}
            autosize
            minRows={2}
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <ReasonField {...form.reasonField} />
          <ChangeError error={form.error} onReload={form.clearError} subject="group" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="indigo.7" loading={form.pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
