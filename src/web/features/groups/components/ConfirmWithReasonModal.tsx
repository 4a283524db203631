import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../../shared/api';
import { ChangeError } from '../../users/components/detail/ChangeError';
import { ReasonField, reasonMissing } from '../../users/components/detail/ReasonField';
import { useReasonRequired } from '../../organization/api';

/** A destructive confirmation with a business reason, optionally asking to type a word to confirm. */
export function ConfirmWithReasonModal({
  title,
  children,
  confirmLabel,
  typeToConfirm,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const reasonRequired = useReasonRequired();
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const confirmed = !typeToConfirm || typed.trim() === typeToConfirm;

  async function submit() {
    if (!confirmed) return;
    if (reasonMissing(reasonRequired, reason)) return setReasonError('Give the business reason for this change.');
    setReasonError(null);
    setPending(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REASON_REQUIRED') setReasonError(e.message);
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
          <Text size="sm" component="div">{children}</Text>
          {typeToConfirm && (
            <TextInput
              label={<>Type <strong>{typeToConfirm}</strong> to confirm</>}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              data-autofocus
            />
          )}
          <ReasonField value={reason} onChange={setReason} required={reasonRequired} error={reasonError} />
          <ChangeError error={error} onReload={() => setError(null)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" color="red.9" loading={pending} disabled={!confirmed}>{confirmLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
