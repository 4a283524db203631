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
  createdAt: Iso,
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditQuery = Type.Object({
  subjectId: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  category: Type.Optional(Type.Enum(AUDIT_CATEGORIES)),
  risk: Type.Optional(Type.Enum(RISK_LEVELS)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
});
export const AuditList = Type.Object({
  items: Type.Array(AuditEvent),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
