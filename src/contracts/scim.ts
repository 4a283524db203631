import { Type } from 'typebox';
import { Iso, NullableIso, PageLimit } from './common.js';

/** A SCIM bearer token as the console lists it: never the secret. */
export const ScimToken = Type.Object({
  id: Type.String(),
  label: Type.String(),
  createdAt: Iso,
  createdBy: Type.Object({ id: Type.String(), name: Type.String() }),
  lastUsedAt: NullableIso,
  revokedAt: NullableIso,
});
/** Integrations → Provisioning: the switch, the base URL to paste into the identity provider, the tokens. */
/** The switch, the base URL and one page of tokens, newest first (created_at, then id, descending). */
export const ScimProvisioning = Type.Object({
  enabled: Type.Boolean(),
  baseUrl: Type.String(),
  items: Type.Array(ScimToken),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export const CreateScimTokenBody = Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }) });
/** The secret is shown once, at creation. */
export const CreatedScimToken = Type.Object({ ...ScimToken.properties, token: Type.String() });
export const ScimSettingsBody = Type.Object({ enabled: Type.Boolean() });

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
/** "IdP group X → role Y". Inactive when its maker no longer holds every permission of the role (or is no longer active). */
export const ScimRoleMapping = Type.Object({
  id: Type.String(),
  group: Ref,
  role: Ref,
  createdBy: Ref,
  createdAt: Iso,
  active: Type.Boolean(),
  inactiveReason: Type.Union([Type.String(), Type.Null()]),
});
/** The mappings, the SCIM groups one can map, and the roles the caller may grant (their grant ceiling). */
/** One page of mappings by group name (then id), with every SCIM group and grantable role a new mapping can name. */
export const ScimRoleMappingList = Type.Object({
  items: Type.Array(ScimRoleMapping),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  groups: Type.Array(Ref),
  roles: Type.Array(Ref),
});
export const CreateScimRoleMappingBody = Type.Object({
  groupId: Type.String({ minLength: 1, maxLength: 64 }),
  roleId: Type.String({ minLength: 1, maxLength: 64 }),
});
/** What applying (or removing) a mapping did to the group's current members. */
export const ScimRoleMappingOutcome = Type.Object({
  mapping: Type.Union([ScimRoleMapping, Type.Null()]),
  changed: Type.Integer(),
  refused: Type.Array(Type.Object({ userId: Type.String(), email: Type.String(), code: Type.String(), message: Type.String() })),
});

/** One request an identity provider made (no bodies: they can carry secrets). */
export const ScimRequestEntry = Type.Object({
  id: Type.String(),
  at: Iso,
  token: Type.Union([Type.Object({ id: Type.String(), label: Type.String() }), Type.Null()]),
  method: Type.String(),
  path: Type.String(),
  operation: Type.String(),
  resourceType: Type.Union([Type.String(), Type.Null()]),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Integer(),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('warning'), Type.Literal('failure')]),
  detail: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
});
export const ScimRequestQuery = Type.Object({
  outcome: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('failure'), Type.Literal('warning'), Type.Literal('success')])),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: PageLimit(),
});
export const ScimRequestPage = Type.Object({ items: Type.Array(ScimRequestEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) });
