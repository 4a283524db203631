import type { OrganizationSettings } from '../../../contracts/organization';
import type { Static } from 'typebox';
import type { CreateSsoConnectionBody, SsoConnection, SsoOverview } from '../../../contracts/sso';
import { api } from '../../shared/api';

export const settingsKey = ['organization', 'settings'] as const;

export const fetchSettings = () => api<OrganizationSettings>('/api/organization/settings');

export type SettingsPatch = Partial<Omit<OrganizationSettings, 'version'>> & { reason?: string };
export const updateSettings = (body: SettingsPatch) => api<OrganizationSettings>('/api/organization/settings', { method: 'PATCH', body });

// Single sign-on (Organization settings → "Single sign-on").
export const ssoKey = ['organization', 'sso'] as const;
export type SsoOverviewData = Static<typeof SsoOverview>;
export type NewSsoConnection = Static<typeof CreateSsoConnectionBody>;
export const fetchSso = () => api<SsoOverviewData>('/api/sso');
export const createSsoConnection = (body: NewSsoConnection) => api<SsoConnection>('/api/sso/connections', { method: 'POST', body });
export const updateSsoConnection = (
  id: string,
  body: Partial<{ jitEnabled: boolean; enabled: boolean; groupsClaim: string; tokenAuthMethod: SsoConnection['tokenAuthMethod'] }>,
) => api<SsoConnection>(`/api/sso/connections/${id}`, { method: 'PATCH', body });
export const deleteSsoConnection = (id: string) => api<{ ok: true }>(`/api/sso/connections/${id}`, { method: 'DELETE' });
export const addSsoDomain = (domain: string, connectionId: string | null) =>
  api<unknown>('/api/sso/domains', { method: 'POST', body: { domain, connectionId } });
export const verifySsoDomain = (id: string) => api<unknown>(`/api/sso/domains/${id}/verify`, { method: 'POST' });
export const removeSsoDomain = (id: string) => api<unknown>(`/api/sso/domains/${id}`, { method: 'DELETE' });
export const saveSsoSettings = (body: { disableMagicLinks: boolean; breakGlassUserIds: string[] }) =>
  api<unknown>('/api/sso/settings', { method: 'PUT', body });
/** The "Test connection" popup's page announces the end of a test on this channel. */
export const SSO_TEST_CHANNEL = 'sofie-sso-test';
/** The address "Test connection" opens in a popup: it redirects to the identity provider. */
export const ssoTestUrl = (id: string) => `/api/sso/connections/${id}/test`;
