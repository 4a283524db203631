/** offboarding */
export const offboarding = {
  'offboarding.idpOwned': 'The identity provider ({by}) owns this person’s active status: change it there.',
  'offboarding.reactivate': 'Reactivate',
  'offboarding.deactivate': 'Deactivate',
  'offboarding.deleteUser': 'Delete user',
  'offboarding.deactivateTitle': 'Deactivate {name}?',
  'offboarding.deactivateHint':
    'They cannot sign in from now on and every session ends at once. Pending invitations are revoked and their active Sequences are paused; reactivating can resume them. Nothing they own changes.',
  'offboarding.reason': 'Business reason',
  'offboarding.deactivateUser': 'Deactivate user',
} as const;
