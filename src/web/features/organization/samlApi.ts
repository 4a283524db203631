import type { Static } from 'typebox';
import type { CreateSamlConnectionBody, UpdateSamlConnectionBody } from '../../../contracts/sso-saml';
import type { SsoConnection } from '../../../contracts/sso';
import { api } from '../../shared/api';

// SAML 2.0 connections (Organization settings → "Single sign-on"); name, JIT and removal go through api.ts like OIDC ones.
export type NewSamlConnection = Static<typeof CreateSamlConnectionBody>;
export type SamlConnectionPatch = Static<typeof UpdateSamlConnectionBody>;
export const createSamlConnection = (body: NewSamlConnection) => api<SsoConnection>('/api/sso/saml-connections', { method: 'POST', body });
export const updateSamlConnection = (id: string, body: SamlConnectionPatch) => api<SsoConnection>(`/api/sso/saml-connections/${id}`, { method: 'PATCH', body });
