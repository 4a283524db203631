import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../../shared/i18n';

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
  const verb = t(decision === 'keep' ? 'reviews.keep' : 'reviews.revoke');
  return (
    <Modal opened={decision !== null} onClose={onClose} title={t(decision === 'keep' ? 'reviews.decide.keepTitle' : 'reviews.decide.revokeTitle', { count })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onSubmit(reason.trim());
        }}
      >
        <Stack>
          <Text size="sm">{t(decision === 'keep' ? 'reviews.decide.keepText' : 'reviews.decide.revokeText')}</Text>
          <Textarea label={t('reviews.decide.reason')} required minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
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
