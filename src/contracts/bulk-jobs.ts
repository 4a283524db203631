import { Type, type Static } from 'typebox';
import { Reason, PageLimit } from './common.js';
import { CsvInviteRow } from './invitations.js';
import { UserFilter } from './users.js';

/** Bulk changes above this many users (or CSV rows) run as a job; the console sends smaller ones synchronously. */
export const BULK_JOB_THRESHOLD = 1000;
/** How long a finished role or group job can be undone. */
export const BULK_JOB_UNDO_DAYS = 30;

export const BULK_JOB_KINDS = ['assign_role', 'add_to_group', 'remove_from_group', 'deactivate', 'invite_csv', 'undo'] as const;
/** The most users (or CSV rows) one job takes. */
export const BULK_JOB_MAX = 100_000;
export const BULK_JOB_STATUSES = ['queued', 'running', 'done', 'cancelled', 'failed'] as const;
/**
 * Why a job's last attempt did not finish it: the person who started it can no longer run it, the
 * server gave up after attempts that were all interrupted, or an attempt failed with an error.
 */
export const BULK_JOB_STOP_CODES = ['starter_cannot_continue', 'gave_up', 'attempt_failed'] as const;
export type BulkJobStopCode = (typeof BULK_JOB_STOP_CODES)[number];

export const StartBulkJobBody = Type.Object({
  /** A deactivation is not undone by Undo (reactivate people one by one); role and group changes are. */
  action: Type.Enum(['assign_role', 'add_to_group', 'remove_from_group', 'deactivate'] as const),
  /** Either explicit ids or a filter meaning "all N matching". */
  userIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 100_000 })),
  filter: Type.Optional(UserFilter),
  roleId: Type.Optional(Type.String({ maxLength: 64 })),
  groupId: Type.Optional(Type.String({ maxLength: 64 })),
  reason: Reason,
});
export type StartBulkJobBody = Static<typeof StartBulkJobBody>;

/**
 * A CSV invitation of any size, as a job: every row of the file as the console read it. Each row is
 * invited (or renewed, or its account updated) as a single invitation is; a row that cannot be is
 * reported with its line. Invitations are not undone by Undo (revoke them on the Invitations page).
 */
export const StartInviteJobBody = Type.Object({
  rows: Type.Array(CsvInviteRow, { minItems: 1, maxItems: BULK_JOB_MAX }),
  /** The uploaded file's name, shown as the job's target. */
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
  reason: Reason,
});
export type StartInviteJobBody = Static<typeof StartInviteJobBody>;

export const BulkJobFailure = Type.Object({
  /** '' for a CSV row that never reached an account. */
  userId: Type.String(),
  /** For a CSV invitation job: the row's line in the file (header excluded). */
  line: Type.Optional(Type.Integer()),
  email: Type.Union([Type.String(), Type.Null()]),
  code: Type.String({ description: 'Why it was skipped, as an API error code (the registries in the error catalogue).' }),
  message: Type.String({ description: 'The same in English.' }),
  details: Type.Optional(Type.Any({ description: 'The error’s details, as an API error carries them: what a client words the message from.' })),
});

/** Why a job stopped (its lastError) as a message code and the values its sentence needs. */
export const BulkJobStopMessage = Type.Object(
  { code: Type.Enum(BULK_JOB_STOP_CODES), values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) },
  { description: 'lastError as a message code and the values its sentence needs, for clients that word it in their own language.' },
);
export type BulkJobStopMessage = Static<typeof BulkJobStopMessage>;

export const BulkJob = Type.Object({
  id: Type.String(),
  kind: Type.Enum(BULK_JOB_KINDS),
  target: Type.Object({ id: Type.String(), name: Type.String() }),
  status: Type.Enum(BULK_JOB_STATUSES),
  cancelRequested: Type.Boolean(),
  total: Type.Integer(),
  processed: Type.Integer(),
  changed: Type.Integer(),
  skipped: Type.Integer(),
  reason: Type.Union([Type.String(), Type.Null()]),
  startedBy: Type.Object({ id: Type.String(), label: Type.String() }),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last attempt did not finish the job, in English.' }),
  lastErrorMessage: Type.Union([BulkJobStopMessage, Type.Null()]),
  undoOf: Type.Union([Type.String(), Type.Null()]),
  undoneBy: Type.Union([Type.String(), Type.Null()]),
  /** Until when Undo is offered; null when this job cannot (or can no longer) be undone. */
  undoableUntil: Type.Union([Type.String(), Type.Null()]),
});
export type BulkJob = Static<typeof BulkJob>;

export const BulkJobDetail = Type.Object({
  ...BulkJob.properties,
  /** The first 100 users (CSV rows) the job skipped, with the guardrail (or the problem) that stopped each. */
  failures: Type.Array(BulkJobFailure),
});
export type BulkJobDetail = Static<typeof BulkJobDetail>;

export const BulkJobList = Type.Object({ items: Type.Array(BulkJob), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type BulkJobList = Static<typeof BulkJobList>;

export const BulkJobListQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  limit: PageLimit({ max: 100, byDefault: 20 }),
});
