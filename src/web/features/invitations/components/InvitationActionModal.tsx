import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import type { InvitationAction } from '../hooks/useInvitationActions';
import { t } from '../../../shared/i18n';

/** "Resend invitation?" / "Revoke invitation?", with the business reason when the organization requires one. */
export function InvitationActionModal({
  action,
  reasonRequired,
  onConfirm,
  onClose,
}: {
  action: InvitationAction;
  reasonRequired: boolean;
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}) {
  return (
    <ConfirmWithReasonModal
      title={t(action.kind === 'revoke' ? 'invitations.revokeTitle' : 'invitations.resendTitle')}
      confirmLabel={t(action.kind === 'revoke' ? 'invitations.revokeConfirm' : 'invitations.resendConfirm')}
      color={action.kind === 'revoke' ? 'red.8' : 'indigo.7'}
      reasonRequired={reasonRequired}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {t(action.kind === 'revoke' ? 'invitations.revokeText' : 'invitations.resendText', { email: action.invitation.email })}
    </ConfirmWithReasonModal>
  );
}
