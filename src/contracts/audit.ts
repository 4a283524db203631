import { Type, type Static } from 'typebox';
import { Iso } from './common.js';

export const AUDIT_CATEGORIES = ['auth', 'access', 'policy', 'recovery', 'data_recovery', 'admin'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const AuditEvent = Type.Object({
  id: Type.String(),
  action: Type.String(),
  category: Type.String(),
  risk: Type.String(),
  actor: Type.Union([Type.Object({ id: Type.String(), label: Type.String() }), Type.Null()]),
  subject: Type.Union([Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() }), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  before: Type.Any(),
  after: Type.Any(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Iso,
});
export type AuditEvent = Static<typeof AuditEvent>;

/** Security Center > Recovery: recovery and data-recovery events, plus these (restores, reactivations, passkey recovery and removal). */
export const RECOVERY_ACTIONS = ['user.restored', 'user.reactivated', 'passkey.recovery_allowed', 'passkey.removed', 'user.purged'] as const;
export const AUDIT_SCOPES = ['all', 'recovery'] as const;

export const AUDIT_SORTS = ['newest', 'oldest'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** The Events tab's view: every filter, the sort; the same fields drive the export. */
export const AuditFilterQuery = Type.Object({
  /** Free text: action, actor, subject or reason contains it (case-insensitive). */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  subjectId: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  /** The actor's name or email contains it. */
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  /** The subject's name or email contains it. */
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.Enum(AUDIT_CATEGORIES)),
  risk: Type.Optional(Type.Enum(RISK_LEVELS)),
  /** Events at or after this time (ISO 8601). */
  from: Type.Optional(Type.String({ maxLength: 40 })),
  /** Events before this time (ISO 8601). */
  to: Type.Optional(Type.String({ maxLength: 40 })),
  sort: Type.Optional(Type.Enum(AUDIT_SORTS)),
  /** `recovery`: only what the Recovery tab shows (see RECOVERY_ACTIONS). */
  scope: Type.Optional(Type.Enum(AUDIT_SCOPES)),
});
export type AuditFilterQuery = Static<typeof AuditFilterQuery>;

export const AuditQuery = Type.Object({
  ...AuditFilterQuery.properties,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export const AuditExportQuery = Type.Object({ ...AuditFilterQuery.properties, format: Type.Enum(AUDIT_EXPORT_FORMATS) });

export const AuditList = Type.Object({
  items: Type.Array(AuditEvent),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const CHAIN_BREAKS = [
  'hash_mismatch',
  'personal_fields_changed',
  'prev_hash_mismatch',
  'sequence_gap',
  'head_mismatch',
  'legacy_count_mismatch',
] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

/** The hash chain's check for one organization; `firstBroken` is the first link that fails, or null. */
export const ChainVerification = Type.Object({
  organizationId: Type.String(),
  ok: Type.Boolean(),
  /** Chained events checked. */
  checked: Type.Integer(),
  /** Events written before the chain existed (not covered by it). */
  legacyEvents: Type.Integer(),
  /** Events whose personal fields a purge erased (their facts and links still verify). */
  redactedEvents: Type.Integer(),
  head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
  firstBroken: Type.Union([
    Type.Object({
      eventId: Type.Union([Type.String(), Type.Null()]),
      seq: Type.Union([Type.Integer(), Type.Null()]),
      kind: Type.Enum(CHAIN_BREAKS),
      message: Type.String(),
    }),
    Type.Null(),
  ]),
});
export type ChainVerification = Static<typeof ChainVerification>;
