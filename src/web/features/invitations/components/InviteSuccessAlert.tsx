import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { InviteResult } from '../../../../contracts/invitations';
import { inviteResultText } from '../inviteResultText';
import { t } from '../../../shared/i18n';

function titleOf(outcome: InviteResult['outcome']): string {
  return t(outcome === 'rejected' ? 'invite.outcome.unchanged' : `invite.outcome.${outcome}`);
}

/** What "One person" did with the last address (sent, renewed, updated, or nothing to change), until closed. */
export function InviteSuccessAlert({ success, onClose }: { success: InviteResult; onClose: () => void }) {
  return (
    <Alert
      color={success.outcome === 'invited' ? 'green' : 'blue'}
      icon={<IconCircleCheck size={18} />}
      title={titleOf(success.outcome)}
      role="status"
      withCloseButton
      onClose={onClose}
    >
      {inviteResultText(success)}
    </Alert>
  );
}
