import { Type, type Static } from 'typebox';
import { NextCursor } from './common.js';

export const IDLE_LOGOUT_PRESETS = [15, 30, 60, 240, 480, 1440] as const;
export const IDLE_LOGOUT_MIN = 15;
export const IDLE_LOGOUT_MAX = 1440;

export const RoleSecurityPolicy = Type.Object({
  requirePasskeyEnrollment: Type.Boolean(),
  requirePasskeyAfterMagicLink: Type.Boolean(),
  /** The single sign-on counterpart: after an SSO sign-in, holders also confirm with their passkey. */
  requirePasskeyAfterSso: Type.Boolean(),
  /** Minutes; null means "Off". */
  idleLogoutMinutes: Type.Union([Type.Integer({ minimum: IDLE_LOGOUT_MIN, maximum: IDLE_LOGOUT_MAX }), Type.Null()]),
});
export type RoleSecurityPolicy = Static<typeof RoleSecurityPolicy>;

export const Role = Type.Object({
  id: Type.String(),
  key: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  description: Type.String(),
  system: Type.Boolean(),
  privileged: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  securityPolicy: RoleSecurityPolicy,
  owner: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  userCount: Type.Integer(),
  version: Type.Integer(),
});
export type Role = Static<typeof Role>;

export const RoleList = Type.Object({ items: Type.Array(Role), nextCursor: NextCursor });
export type RoleList = Static<typeof RoleList>;

export const PermissionInfo = Type.Object({
  key: Type.String(),
  category: Type.String(),
  label: Type.String(),
  description: Type.String(),
  privileged: Type.Boolean(),
});
export const PermissionCatalogue = Type.Object({ items: Type.Array(PermissionInfo) });

/**
 * The security policy as written by the role editor. `idleLogoutMinutes` is checked by the service
 * (not the schema) so a wrong value gets the product's own message instead of a generic one.
 */
export const RoleSecurityPolicyInput = Type.Object({
  requirePasskeyEnrollment: Type.Optional(Type.Boolean()),
  requirePasskeyAfterMagicLink: Type.Optional(Type.Boolean()),
  requirePasskeyAfterSso: Type.Optional(Type.Boolean()),
  /**
   * Minutes; null means "Off". Presets 15, 30, 60, 240, 480, 1440 or any whole number in between.
   * Typed loosely on purpose: the validator would coerce 0 or "" to null (Off) silently.
   */
  idleLogoutMinutes: Type.Optional(Type.Unknown({ description: 'null (Off) or whole minutes from 15 to 1440' })),
});
export type RoleSecurityPolicyInput = Static<typeof RoleSecurityPolicyInput>;

export const SECURITY_POLICY_LABELS = {
  requirePasskeyEnrollment: 'Require users to enroll a passkey',
  requirePasskeyAfterMagicLink: 'Require passkey after magic-link sign-in',
  requirePasskeyAfterSso: 'Require passkey after SSO sign-in',
  idleLogoutMinutes: 'Idle auto logout',
} as const;

export const IDLE_LOGOUT_OPTIONS: readonly { value: number | null; label: string }[] = [
  { value: null, label: 'Off' },
  { value: 15, label: '15m' },
  { value: 30, label: '30m' },
  { value: 60, label: '1h' },
  { value: 240, label: '4h' },
  { value: 480, label: '8h' },
  { value: 1440, label: '24h' },
];

const PermissionKeys = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 });
const RoleName = Type.String({ minLength: 1, maxLength: 100 });
const RoleDescription = Type.String({ maxLength: 500 });
const OptionalReason = Type.Optional(Type.String({ maxLength: 1000 }));

export const CreateRoleBody = Type.Object({
  name: RoleName,
  description: Type.Optional(RoleDescription),
  permissions: PermissionKeys,
  securityPolicy: Type.Optional(RoleSecurityPolicyInput),
  /** The person who reviews this role; required when the role is privileged. */
  ownerUserId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 64 })])),
  reason: OptionalReason,
});
export type CreateRoleBody = Static<typeof CreateRoleBody>;

export const UpdateRoleBody = Type.Object({
  name: Type.Optional(RoleName),
  description: Type.Optional(RoleDescription),
  permissions: Type.Optional(PermissionKeys),
  securityPolicy: Type.Optional(RoleSecurityPolicyInput),
  ownerUserId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 64 })])),
  reason: OptionalReason,
  /** The version the editor started from; a mismatch answers 409 VERSION_CONFLICT. */
  version: Type.Integer({ minimum: 0 }),
});
export type UpdateRoleBody = Static<typeof UpdateRoleBody>;

export const DuplicateRoleBody = Type.Object({
  /** Defaults to "<name> (copy)". */
  name: Type.Optional(RoleName),
  ownerUserId: Type.Optional(Type.Union([Type.Null(), Type.String({ minLength: 1, maxLength: 64 })])),
  reason: OptionalReason,
});
export type DuplicateRoleBody = Static<typeof DuplicateRoleBody>;

export const RoleImpactBody = Type.Object({
  /** The role being edited; absent for a new role. */
  roleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  permissions: PermissionKeys,
});
export type RoleImpactBody = Static<typeof RoleImpactBody>;

export const PermissionRef = Type.Object({ key: Type.String(), label: Type.String(), category: Type.String(), privileged: Type.Boolean() });
export type PermissionRef = Static<typeof PermissionRef>;

export const RoleImpact = Type.Object({
  roleId: Type.Union([Type.String(), Type.Null()]),
  /** Permissions every holder gains / loses with this change. */
  gained: Type.Array(PermissionRef),
  lost: Type.Array(PermissionRef),
  /** True when a privileged permission is gained or lost. */
  privilegedChange: Type.Boolean(),
  /** Holders of the role (all of them are affected the same way). */
  userCount: Type.Integer(),
  activeUserCount: Type.Integer(),
  users: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      email: Type.String(),
      status: Type.String(),
      gained: Type.Array(Type.String()),
      lost: Type.Array(Type.String()),
    }),
  ),
  /** True when `users` lists only the first 200 holders. */
  truncated: Type.Boolean(),
  /** Refusals the save would meet (escalation, last access administrator), so the editor can say so first. */
  problems: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      /** The permissions the message names (ROLE_ESCALATION, DEFAULT_ROLE_NOT_GRANTABLE), for a client that words it itself. */
      permissions: Type.Optional(Type.Array(Type.String(), { description: 'Keys of the permissions the message names, in its order.' })),
    }),
  ),
});
export type RoleImpact = Static<typeof RoleImpact>;

export const RecommendRoleBody = Type.Object({
  needsAdminPages: Type.Boolean(),
  createsSharedWorkspaces: Type.Boolean(),
  configuresIntegrations: Type.Boolean(),
  managesAccess: Type.Boolean(),
});
export type RecommendRoleBody = Static<typeof RecommendRoleBody>;

export const RoleChoice = Type.Object({
  roleId: Type.String(),
  name: Type.String(),
  system: Type.Boolean(),
  privileged: Type.Boolean(),
  permissionCount: Type.Integer(),
  /** False when the asker's own role lacks some of its permissions (they could not assign it). */
  assignable: Type.Boolean(),
  reason: Type.String(),
});
export type RoleChoice = Static<typeof RoleChoice>;

export const RoleRecommendation = Type.Object({
  recommended: Type.Union([RoleChoice, Type.Null()]),
  alternatives: Type.Array(RoleChoice),
  /** The permission keys the answers require. */
  required: Type.Array(Type.String()),
});
export type RoleRecommendation = Static<typeof RoleRecommendation>;
