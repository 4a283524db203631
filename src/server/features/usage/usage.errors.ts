import type { ErrorSpec } from '../../platform/errors.js';

/** Route-level failures. Per-event rejection codes are in INGEST_REJECTIONS. */
export const USAGE_ERRORS = {
  INVALID_CURSOR: { status: 400, message: 'This page link is no longer valid. Start from the first page.' },
} satisfies Record<string, ErrorSpec>;

/** Why one event of a batch was rejected; the other events of the batch are kept. */
export const INGEST_REJECTIONS = {
  INVALID_EVENT: 'The event must be a JSON object.',
  INVALID_ID: 'id must be a string of 1 to 100 characters.',
  UNKNOWN_TYPE: 'type must be one of chat_message, artifact_created, artifact_edited, orchestration_run, sequence_run, sign_in, workspace_visit.',
  INVALID_OCCURRED_AT: 'occurredAt must be an ISO 8601 time with a zone, e.g. 2026-11-29T09:30:00Z.',
  OCCURRED_AT_IN_FUTURE: 'occurredAt is in the future (more than 5 minutes ahead of our clock).',
  OUTSIDE_RETENTION: 'occurredAt is older than the organization keeps usage events.',
  USER_REQUIRED: 'Give userId or email of the user the event is about.',
  USER_NOT_FOUND: 'No user with this id or email in your organization.',
  USER_MISMATCH: 'userId and email name different users.',
  USER_DELETED: 'This user was deleted; their usage is no longer recorded.',
  INVALID_FIELD: 'workspaceId and itemId must be strings of at most 100 characters, or null.',
  INVALID_QUANTITY: 'quantity must be a whole number from 0 to 1,000,000,000.',
} as const;
export type IngestRejectionCode = keyof typeof INGEST_REJECTIONS;
