export const ORGANIZATIONS_ERRORS = {
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'This organization does not exist.' },
  INVALID_DOMAIN: { status: 400, message: 'An allowed email domain is not a valid domain name (example: example.com).' },
} as const;
