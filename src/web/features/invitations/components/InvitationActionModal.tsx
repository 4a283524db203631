import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import type { InvitationAction } from '../hooks/useInvitationActions';

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
      title={action.kind === 'revoke' ? 'Revoke invitation?' : 'Resend invitation?'}
      confirmLabel={action.kind === 'revoke' ? 'Revoke invitation' : 'Resend invitation'}
      color={action.kind === 'revoke' ? 'red.8' : 'indigo.7'}
      reasonRequired={reasonRequired}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {action.kind === 'revoke'
        ? `${action.invitation.email} will no longer be able to use their invitation link. You can invite them again later.`
        : `${action.invitation.email} gets a new link; the previous one stops working and the expiry restarts.`}
    </ConfirmWithReasonModal>
  );
}
