import { call, type Schema } from '../../shared/client';

// SAML 2.0 connections (Organization settings → "Single sign-on"); name, JIT and removal go through api.ts like OIDC ones.
export type NewSamlConnection = Schema<'CreateSamlConnectionBody'>;
export type SamlConnectionPatch = Schema<'UpdateSamlConnectionBody'>;
export const createSamlConnection = (body: NewSamlConnection) => call('post', '/api/sso/saml-connections', { body });
export const updateSamlConnection = (id: string, body: SamlConnectionPatch) => call('patch', '/api/sso/saml-connections/{id}', { path: { id }, body });
