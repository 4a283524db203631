/**
 * API errors whose sentence the server built from the request, filled from the error's details
 * (shared/errorText.ts), and the failures that carry no code.
 */
export const errorDetails = {
  'error.CONTROL_CHARACTER.details': '{field} contains a control character, which is not allowed.',
  'error.UNKNOWN_PERMISSION.details': 'These permissions do not exist: {unknown}.',
  'error.ROLE_NAME_TAKEN.details': 'A role named "{name}" already exists. Choose another name.',
  'error.BAD_REQUEST': 'The request could not be read.',
  'error.http': 'Request failed ({status}).',
  'error.unknown': 'Something went wrong.',
} as const;
