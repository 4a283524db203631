import { Type, type Static } from 'typebox';
import { Iso, NullableIso, PageLimit } from './common.js';

/** The rules that raise a Security Center alert, evaluated as audit events are written. */
export const ALERT_RULES = [
  'privileged_role_granted',
  'security_policy_changed',
  'privileged_passkey_removed',
  'failed_sign_ins',
  'owner_offboarded',
  'token_created',
  'admin_new_origin',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_STATUSES = ['open', 'dismissed'] as const;

export const SecurityAlert = Type.Object({
  id: Type.String(),
  rule: Type.Enum(ALERT_RULES),
  risk: Type.String(),
  title: Type.String({ description: 'What happened, in one sentence.' }),
  titleMessage: Type.Union([
    Type.Object(
      { code: Type.String(), values: Type.Record(Type.String(), Type.String()) },
      { description: 'The title as a message code and the values its sentence needs, for clients that word it in their own language.' },
    ),
    Type.Null(),
  ]),
  actor: Type.Union([Type.Object({ id: Type.Union([Type.String(), Type.Null()]), label: Type.String() }), Type.Null()]),
  subject: Type.Union([Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() }), Type.Null()]),
  link: Type.Union([Type.String({ description: 'Where in the console to act on it.' }), Type.Null()]),
  eventId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(ALERT_STATUSES),
  assignee: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  escalatedAt: NullableIso,
  dismissedAt: NullableIso,
  dismissReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Iso,
});
export type SecurityAlert = Static<typeof SecurityAlert>;

export const AlertQuery = Type.Object({
  status: Type.Optional(Type.Enum(ALERT_STATUSES)),
  rule: Type.Optional(Type.Enum(ALERT_RULES)),
  assignedToMe: Type.Optional(Type.Boolean()),
  limit: PageLimit(),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
});
export const AlertList = Type.Object({ items: Type.Array(SecurityAlert), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const OPEN_ALERTS_SHOWN_UP_TO = 99;
export const OpenAlertCount = Type.Object({
  open: Type.Integer({ description: `Open alerts, counted up to ${OPEN_ALERTS_SHOWN_UP_TO + 1} ("99+").` }),
  capped: Type.Boolean(),
});

export const DismissAlertBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) });
export const AssignAlertBody = Type.Object({ assigneeId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]) });
export const EscalateAlertBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) });

export const AlertDigestSetting = Type.Object({ subscribed: Type.Boolean() });
