import type { InviteChange, InviteResult } from '../../../contracts/invitations';
import { errorText } from '../../shared/errorText';
import { t } from '../../shared/i18n';

/**
 * What inviting one address did, in the reader's language. The server keeps its English `message` for
 * API clients and sends the values it was built from: the role and group names, the structured changes
 * of an updated account, and a rejection's code and details (worded as any API error). A result
 * without those values (an older server's) shows the server's English.
 */
export function inviteResultText(r: InviteResult): string {
  switch (r.outcome) {
    case 'rejected':
      return r.code ? errorText(r.code, r.message, r.details) : r.message;
    case 'invited':
      if (r.roleName === undefined) return r.message;
      return r.groupName
        ? t('invitations.result.invitedInGroup', { email: r.email, role: r.roleName, group: r.groupName })
        : t('invitations.result.invited', { email: r.email, role: r.roleName });
    case 'renewed':
      return r.roleName === undefined ? r.message : t('invitations.result.renewed', { email: r.email, role: r.roleName });
    case 'updated':
      return r.changeList?.length
        ? t('invitations.result.updated', { email: r.email, changes: r.changeList.map(changeText).join(t('invitations.result.changeSeparator')) })
        : r.message;
    case 'unchanged':
      if (!r.changeList) return r.message;
      return r.groupName ? t('invitations.result.unchangedWithGroup', { email: r.email }) : t('invitations.result.unchanged', { email: r.email });
  }
}

function changeText(change: InviteChange): string {
  return change.kind === 'role'
    ? t('invitations.result.change.role', { from: change.from, to: change.to })
    : t('invitations.result.change.group', { group: change.group });
}
