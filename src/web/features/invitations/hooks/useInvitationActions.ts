import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Invitation } from '../../../../contracts/invitations';
import { errorMessage } from '../../../shared/api';
import { resendInvitation, revokeInvitation } from '../api';
import { t } from '../../../shared/i18n';

export interface InvitationAction {
  kind: 'resend' | 'revoke';
  invitation: Invitation;
}

/**
 * Resend and revoke: each asks for confirmation with a reason when the organization requires one;
 * without that, resend goes straight through. Afterwards the invitation and user lists are refreshed.
 */
export function useInvitationActions(reasonRequired: boolean) {
  const queryClient = useQueryClient();
  const [action, setAction] = useState<InvitationAction | null>(null);

  async function run(kind: 'resend' | 'revoke', invitation: Invitation, reason?: string) {
    if (kind === 'resend') {
      await resendInvitation(invitation.id, reason);
      notifications.show({
        color: 'green',
        title: t('invitations.resent'),
        message: t('invitations.resentText', { email: invitation.email }),
      });
    } else {
      await revokeInvitation(invitation.id, reason);
      notifications.show({ color: 'gray', title: t('invitations.revoked'), message: t('invitations.revokedText', { email: invitation.email }) });
    }
    await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  }

  async function resendDirect(invitation: Invitation) {
    if (reasonRequired) return setAction({ kind: 'resend', invitation });
    try {
      await run('resend', invitation);
    } catch (error) {
      notifications.show({ color: 'red', title: t('invitations.resendFailed'), message: errorMessage(error) });
    }
  }

  return { action, setAction, run, resendDirect };
}
