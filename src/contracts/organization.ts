import { Type, type Static } from 'typebox';
import { Reason } from './common.js';

export const OrganizationSettings = Type.Object({
  name: Type.String(),
  invitationExpiryDays: Type.Integer({ minimum: 1, maximum: 90 }),
  /** Empty means any domain may be invited. */
  allowedEmailDomains: Type.Array(Type.String()),
  businessReasonRequired: Type.Boolean(),
  requirePasskeysForPrivilegedUsers: Type.Boolean(),
  requirePasskeysForAllUsers: Type.Boolean(),
  version: Type.Integer(),
});
export type OrganizationSettings = Static<typeof OrganizationSettings>;

export const UpdateOrganizationSettingsBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  invitationExpiryDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  allowedEmailDomains: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 50 })),
  businessReasonRequired: Type.Optional(Type.Boolean()),
  requirePasskeysForPrivilegedUsers: Type.Optional(Type.Boolean()),
  requirePasskeysForAllUsers: Type.Optional(Type.Boolean()),
  reason: Reason,
});
