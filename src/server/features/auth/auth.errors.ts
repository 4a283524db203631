export const AUTH_ERRORS = {
  INVALID_EMAIL: { status: 400, message: 'Enter a valid email address.' },
  LINK_INVALID: { status: 400, message: 'This sign-in link is not valid. Request a new one.' },
  LINK_USED: { status: 400, message: 'This sign-in link was already used. Request a new one.' },
  LINK_EXPIRED: { status: 400, message: 'This sign-in link has expired (links last 15 minutes). Request a new one.' },
  ACCOUNT_INACTIVE: { status: 403, message: 'This account cannot sign in. Ask your administrator.' },
} as const;
