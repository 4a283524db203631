import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

/** Keep or Revoke for the selected items, with the reason every decision needs. */
export function DecisionModal({
  decision,
  count,
  pending,
  onClose,
  onSubmit,
}: {
  decision: 'keep' | 'revoke' | null;
  count: number;
  pending: boolean;
  onClose: () => void;
  onSubmit: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const verb = decision === 'keep' ? 'Keep' : 'Revoke';
  return (
    <Modal opened={decision !== null} onClose={onClose} title={`${verb} access for ${count} ${count === 1 ? 'person' : 'people'}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onSubmit(reason.trim());
        }}
      >
        <Stack>
          <Text size="sm">
            {decision === 'keep'
              ? 'You certify that they still need this access.'
              : 'When the campaign closes, their role is set to the organization’s narrowest role.'}
          </Text>
          <Textarea label="Reason" required minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={decision === 'keep' ? 'indigo.7' : 'red.8'} loading={pending} disabled={!reason.trim()}>
              {verb}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
