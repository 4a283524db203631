/** The page shown instead of a page one's role does not open. */
export const accessDenied = {
  'accessDenied.title': 'You don’t have access',
  'accessDenied.needs': 'This page needs {what}.',
  'accessDenied.quoted': '“{name}”',
  'accessDenied.permission': 'the permission {name}',
  'accessDenied.permissions': 'the permissions {names}',
  'accessDenied.oneOf': 'one of the permissions {names}',
  'accessDenied.and': '{first} and {last}',
  'accessDenied.or': '{first} or {last}',
  'accessDenied.roleLacksIt': 'Your role, {role}, does not include it.',
  'accessDenied.roleLacksThem': 'Your role, {role}, does not include them.',
  'accessDenied.roleHasNone': 'Your role, {role}, includes none of them.',
  'accessDenied.askAdmin': 'If you need this page, ask an administrator of {org} to give you a role that includes it.',
  'accessDenied.yourOrganization': 'your organization',
  'accessDenied.back': 'Back to {page}',
} as const;
