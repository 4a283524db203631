/**
 * API errors whose sentence the server built from the request, filled from the error's details
 * (shared/errorText.ts), and the failures that carry no code.
 */
export const errorDetails = {
  'error.CONTROL_CHARACTER.details': '{field} contains a control character, which is not allowed.',
  'error.UNKNOWN_PERMISSION.details': 'These permissions do not exist: {unknown}.',
  'error.ROLE_NAME_TAKEN.details': 'A role named "{name}" already exists. Choose another name.',
  'error.INVALID_DOMAIN.details': '"{domain}" is not a valid domain name (example: example.com).',
  'error.INVALID_NUMBER.details.notFinite': '{field} is not a finite number.',
  'error.INVALID_NUMBER.details.wholeNumberText': '{field} must be a whole number written in digits (got "{value}").',
  'error.INVALID_NUMBER.details.numberText': '{field} must be a number written in digits (got "{value}").',
  'error.USER_DELETED.details.role': 'This user has been deleted. Restore the account before changing their role.',
  'error.ROLE_ESCALATION.details.assign':
    'You cannot assign "{role}": it includes permissions your own role does not have ({missing}). Ask an administrator who holds them.',
  'error.ROLE_ESCALATION.details.add': 'You cannot add permissions your own role does not have to "{role}" ({missing}). Ask an administrator who holds them.',
  'error.TARGET_OUTRANKS_ACTOR.details.one':
    '{email} holds permissions your own role does not have ({missing}), so you cannot change their access. Ask an administrator who holds them.',
  'error.TARGET_OUTRANKS_ACTOR.details.groups':
    '{count} of these people hold permissions your own role does not have, so you cannot change their groups. Ask an administrator who holds them.',
  'error.MANAGED_BY_IDENTITY_PROVIDER.details.deactivate':
    '{email} is provisioned by {provisionedBy}: their name, email and active status come from the identity provider. Change them there; you can still sign them out everywhere.',
  'error.MANAGED_BY_IDENTITY_PROVIDER.details.bulk': '{email} is provisioned by {provisionedBy}: change their status there.',
  'error.INVALID_EMAIL.details.address': '"{email}" is not a valid email address.',
  'error.INVALID_EMAIL.details.none': 'No email address on this row.',
  'error.DOMAIN_NOT_ALLOWED.details': "{domain} is not one of your organization's allowed email domains ({allowed}).",
  'error.GROUP_NOT_FOUND.details.named': 'There is no group "{group}" in your organization.',
  'error.DUPLICATE_IN_REQUEST.details.row': '{email}: This address appears more than once in the list.',
  'error.ROLE_NOT_FOUND.details.csv': 'Unknown role "{role}". Use one of: {roles}.',
  'error.BAD_REQUEST': 'The request could not be read.',
  'error.http': 'Request failed ({status}).',
  'error.unknown': 'Something went wrong.',
} as const;
