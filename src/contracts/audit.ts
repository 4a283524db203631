import { Type, type Static } from 'typebox';
import { Iso, PageLimit } from './common.js';

export const AUDIT_CATEGORIES = ['auth', 'access', 'policy', 'recovery', 'data_recovery', 'admin'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Every action an audit event can record: the server's writers take only these (platform/audit.ts
 * AuditInput), and the console words each one from its catalogue (`audit.action.<action>`).
 */
export const AUDIT_ACTIONS = [
  'access_review.campaign_closed',
  'access_review.campaign_started',
  'access_review.decision',
  'access_review.evidence_exported',
  'access_review.reviewer_reassigned',
  'access_review.snapshot_exported',
  'access_review.snapshot_generated',
  'alert.assigned',
  'alert.digest_subscribed',
  'alert.digest_unsubscribed',
  'alert.dismissed',
  'alert.escalated',
  'audit.exported',
  'auth.magic_link_failed',
  'auth.magic_link_sent',
  'auth.other_sessions_revoked',
  'auth.passkey_verified',
  'auth.rate_limited',
  'auth.session_revoked',
  'auth.signed_in',
  'auth.signed_out',
  'bulk_job.cancelled',
  'bulk_job.finished',
  'bulk_job.started',
  'bulk_job.undone',
  'content.ownership_changed',
  'content.registry_removed',
  'content.registry_synced',
  'group.created',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
  'group.updated',
  'invitation.accepted',
  'invitation.renewed',
  'invitation.resent',
  'invitation.revoked',
  'invitation.sent',
  'log_stream.created',
  'log_stream.removed',
  'organization.settings_updated',
  'organization.created',
  'organization.deleted',
  'organization.demo_filled',
  'organization.resumed',
  'organization.suspended',
  'passkey.counter_regression',
  'passkey.enrolled',
  'passkey.recovery_allowed',
  'passkey.recovery_enrolled',
  'passkey.removed',
  'role.created',
  'role.deleted',
  'role.duplicated',
  'role.updated',
  'scim.disabled',
  'scim.enabled',
  'scim.group.created',
  'scim.group.linked',
  'scim.group.updated',
  'scim.role_mapping.created',
  'scim.role_mapping.refused',
  'scim.role_mapping.removed',
  'scim.user.created',
  'scim.user.delete_deferred',
  'scim.user.linked',
  'scim.user.updated',
  'scim_token.created',
  'scim_token.revoked',
  'service_token.created',
  'service_token.revoked',
  'sso.connection.created',
  'sso.connection.deleted',
  'sso.connection.test_failed',
  'sso.connection.test_passed',
  'sso.connection.updated',
  'sso.domain.claimed',
  'sso.domain.removed',
  'sso.domain.routed',
  'sso.domain.verified',
  'sso.role_rule.created',
  'sso.role_rule.refused',
  'sso.role_rule.removed',
  'sso.settings.updated',
  'sso.user.created',
  'usage.retention_changed',
  'user.deactivated',
  'user.deleted',
  'user.groups_changed',
  'user.purged',
  'user.reactivated',
  'user.restored',
  'user.role_changed',
  'user.signed_out_everywhere',
  'webhook.created',
  'webhook.disabled',
  'workspace.created',
  'workspace.member_removed',
  'workspace.members_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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
  limit: PageLimit(),
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
