import type { InvitationStatus } from '../../../../contracts/invitations';

export const STATUS_LABELS: Record<InvitationStatus, string> = { pending: 'Pending', expired: 'Expired', accepted: 'Accepted', revoked: 'Revoked' };
