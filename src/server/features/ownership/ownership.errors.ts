export const OWNERSHIP_ERRORS = {
  UNKNOWN_USER: { status: 422, message: 'Some owners or collaborators are not users of this organization (or were deleted).' },
  DUPLICATE_EXTERNAL_ID: { status: 422, message: 'The same externalId appears twice in one request.' },
  CONTENT_ITEM_NOT_FOUND: { status: 404, message: 'This content item does not exist in your organization.' },
  INVALID_CURSOR: { status: 400, message: 'The page cursor is not valid. Start again from the first page.' },
  WEBHOOK_URL_INVALID: { status: 422, message: 'The webhook URL must be an absolute http or https URL.' },
  WEBHOOK_URL_NOT_PUBLIC: { status: 422, message: 'Webhooks go only to public addresses, not to loopback, private, link-local or other reserved ones.' },
  WEBHOOK_URL_UNRESOLVABLE: { status: 422, message: 'The webhook URL’s host name does not resolve to an address.' },
  WEBHOOK_NOT_FOUND: { status: 404, message: 'This webhook endpoint does not exist in your organization.' },
} as const;
