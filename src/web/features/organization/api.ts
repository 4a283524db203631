import { call, type Schema } from '../../shared/client';

export const settingsKey = ['organization', 'settings'] as const;

export const fetchSettings = () => call('get', '/api/organization/settings');

export type SettingsPatch = Schema<'UpdateOrganizationSettingsBody'>;
export const updateSettings = (body: SettingsPatch) => call('patch', '/api/organization/settings', { body });

// Single sign-on (Organization settings → "Single sign-on"). The overview carries the connections and
// verified domains whole: an organization has a handful of each, bounded by its identity providers
// and the email domains it owns.
export const ssoKey = ['organization', 'sso'] as const;
export type SsoOverviewData = Schema<'SsoOverview'>;
export type NewSsoConnection = Schema<'CreateSsoConnectionBody'>;
export const fetchSso = () => call('get', '/api/sso');
export const createSsoConnection = (body: NewSsoConnection) => call('post', '/api/sso/connections', { body });
export const updateSsoConnection = (id: string, body: Schema<'UpdateSsoConnectionBody'>) => call('patch', '/api/sso/connections/{id}', { path: { id }, body });
export const deleteSsoConnection = (id: string) => call('delete', '/api/sso/connections/{id}', { path: { id } });
export const addSsoDomain = (domain: string, connectionId: string | null) => call('post', '/api/sso/domains', { body: { domain, connectionId } });
export const verifySsoDomain = (id: string) => call('post', '/api/sso/domains/{id}/verify', { path: { id } });
export const removeSsoDomain = (id: string) => call('delete', '/api/sso/domains/{id}', { path: { id } });
export const saveSsoSettings = (body: Schema<'SsoSettingsBody'>) => call('put', '/api/sso/settings', { body });
/** The "Test connection" popup's page announces the end of a test on this channel. */
export const SSO_TEST_CHANNEL = 'sofie-sso-test';
/** The address "Test connection" opens in a popup: it redirects to the identity provider. */
export const ssoTestUrl = (id: string) => `/api/sso/connections/${id}/test`;
