import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../shared/api';
import { ChangeError } from '../../users/components/detail/ChangeError';
import { REASON_MISSING, ReasonField, reasonMissing } from '../../../shared/reason/ReasonField';
import { useReasonRequired } from '../../organization/api';

export interface GroupFormValues {
  name: string;
  description: string;
  reason: string;
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
  const [reason, setReason] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit() {
    setError(null);
    setNameError(name.trim() ? null : 'Give the group a name.');
    setReasonError(reasonMissing(reasonRequired, reason) ? REASON_MISSING : null);
    if (!name.trim() || reasonMissing(reasonRequired, reason)) return;
    setPending(true);
    try {
      await onSubmit({ name: name.trim(), description: description.trim(), reason: reason.trim() });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'GROUP_NAME_TAKEN' || e.code === 'GROUP_NAME_REQUIRED')) setNameError(e.message);
      else if (e instanceof ApiError && e.code === 'REASON_REQUIRED') setReasonError(e.message);
      else setError(e);
    } finally {
      setPending(false);
    }
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
          <TextInput label="Name" placeholder="e.g. Regulatory reviewers" withAsterisk maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={nameError} data-autofocus />
          <Textarea label="Description" description="Who belongs here and why." autosize minRows={2} maxLength={500} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={error} onReload={() => setError(null)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" color="indigo.7" loading={pending}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
