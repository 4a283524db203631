import { Type } from 'typebox';
import { Iso, NullableIso, PageOf } from './common.js';

export const ServiceToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Iso,
  lastUsedAt: NullableIso,
  revokedAt: NullableIso,
});
/** Newest first (created_at, then id, descending). */
export const ServiceTokenList = PageOf(ServiceToken);
export const CreateServiceTokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
/** The secret is shown once, at creation. */
export const CreatedServiceToken = Type.Object({ ...ServiceToken.properties, token: Type.String() });
