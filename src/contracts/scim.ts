import { Type } from 'typebox';
import { Iso, NullableIso } from './common.js';

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
export const ScimProvisioning = Type.Object({
  enabled: Type.Boolean(),
  baseUrl: Type.String(),
  items: Type.Array(ScimToken),
});
export const CreateScimTokenBody = Type.Object({ label: Type.String({ minLength: 1, maxLength: 100 }) });
/** The secret is shown once, at creation. */
export const CreatedScimToken = Type.Object({ ...ScimToken.properties, token: Type.String() });
export const ScimSettingsBody = Type.Object({ enabled: Type.Boolean() });
