import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../../shared/api';

interface Props {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  color?: string;
  reasonRequired: boolean;
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/** A confirmation that also takes the business reason (required when the organization says so). */
export function ReasonActionModal({ title, body, confirmLabel, color, reasonRequired, onConfirm, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (reasonRequired && !reason.trim()) return setError('A business reason is required.');
    setBusy(true);
    setFailure(null);
    try {
      await onConfirm(reason.trim() || undefined);
      onClose();
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{title}</Text>}>
      <Stack>
        <Text size="sm">{body}</Text>
        <Textarea
          label="Business reason"
          description={reasonRequired ? 'Required by your organization; kept in the audit log.' : 'Optional; kept in the audit log.'}
          withAsterisk={reasonRequired}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          autosize
          minRows={2}
          maxLength={1000}
        />
        {failure && <Alert color="red">{failure}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color={color} loading={busy} onClick={() => void confirm()}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
