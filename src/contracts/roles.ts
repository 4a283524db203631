import { Type, type Static } from 'typebox';

export const IDLE_LOGOUT_PRESETS = [15, 30, 60, 240, 480, 1440] as const;
export const IDLE_LOGOUT_MIN = 15;
export const IDLE_LOGOUT_MAX = 1440;

export const RoleSecurityPolicy = Type.Object({
  requirePasskeyEnrollment: Type.Boolean(),
  requirePasskeyAfterMagicLink: Type.Boolean(),
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

export const RoleList = Type.Object({ items: Type.Array(Role) });

export const PermissionInfo = Type.Object({
  key: Type.String(),
  category: Type.String(),
  label: Type.String(),
  description: Type.String(),
  privileged: Type.Boolean(),
});
export const PermissionCatalogue = Type.Object({ items: Type.Array(PermissionInfo) });
