import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';
import { REASON_MISSING, ReasonField, reasonMissing } from './ReasonField';

interface Props {
  title: string;
  /** What the action does, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  /** Defaults to a destructive red; pass the primary colour for actions that only renew. */
  color?: string;
  /** For actions hard to undo: the user types this word (a group's name) to enable the button. */
  typeToConfirm?: string;
  reasonRequired: boolean;
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/**
 * The confirmation for an access change: says what happens, takes the business reason (required when
 * the organization says so), and shows the server's refusal in place. Closes once the change is made.
 */
export function ConfirmWithReasonModal({ title, children, confirmLabel, color = 'red.9', typeToConfirm, reasonRequired, onConfirm, onClose }: Props) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const confirmed = !typeToConfirm || typed.trim() === typeToConfirm;

  async function submit() {
    if (!confirmed) return;
    if (reasonMissing(reasonRequired, reason)) return setReasonError(REASON_MISSING);
    setReasonError(null);
    setFailure(null);
    setPending(true);
    try {
      await onConfirm(reason.trim() || undefined);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REASON_REQUIRED') setReasonError(e.message);
      else setFailure(errorMessage(e));
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
          {failure && <Alert color="red" title="Not saved" role="alert">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" color={color} loading={pending} disabled={!confirmed}>{confirmLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
