import type { Static } from 'typebox';
import type { CreatedLogStreamDestination, LogStreamDestinationList } from '../../../contracts/log-streaming';
import type { CreatedWebhookEndpoint, WebhookDeliveryList, WebhookEndpointList } from '../../../contracts/ownership';
import type { CreatedScimToken, ScimProvisioning, ScimRequestPage, ScimRoleMappingList, ScimRoleMappingOutcome } from '../../../contracts/scim';
import type { CreatedServiceToken, ServiceTokenList } from '../../../contracts/service-tokens';
import { api } from '../../shared/api';

export const serviceTokensKey = ['service-tokens'] as const;
export const webhooksKey = ['webhooks'] as const;
export const provisioningKey = ['scim-provisioning'] as const;
export const roleMappingsKey = ['scim-role-mappings'] as const;
export const scimRequestsKey = ['scim-requests'] as const;

export const fetchServiceTokens = () => api<Static<typeof ServiceTokenList>>('/api/service-tokens');
export const createServiceToken = (name: string) => api<Static<typeof CreatedServiceToken>>('/api/service-tokens', { method: 'POST', body: { name } });
export const revokeServiceToken = (id: string) => api<{ ok: true }>(`/api/service-tokens/${id}`, { method: 'DELETE' });

export const fetchWebhookEndpoints = () => api<Static<typeof WebhookEndpointList>>('/api/webhooks');
export const fetchWebhookDeliveries = () => api<Static<typeof WebhookDeliveryList>>('/api/webhooks/deliveries');
export const createWebhookEndpoint = (url: string, description: string) =>
  api<Static<typeof CreatedWebhookEndpoint>>('/api/webhooks', { method: 'POST', body: { url, description: description || undefined } });
export const disableWebhookEndpoint = (id: string) => api<{ ok: true }>(`/api/webhooks/${id}`, { method: 'DELETE' });

export const fetchProvisioning = () => api<Static<typeof ScimProvisioning>>('/api/scim-tokens');
export const setProvisioningEnabled = (enabled: boolean) => api<Static<typeof ScimProvisioning>>('/api/scim-settings', { method: 'PUT', body: { enabled } });
export const createScimToken = (label: string) => api<Static<typeof CreatedScimToken>>('/api/scim-tokens', { method: 'POST', body: { label } });
export const revokeScimToken = (id: string) => api<{ ok: true }>(`/api/scim-tokens/${id}`, { method: 'DELETE' });

export const logStreamsKey = ['log-streams'] as const;
export const fetchLogStreams = () => api<Static<typeof LogStreamDestinationList>>('/api/security/log-streams');
export const createLogStream = (name: string, url: string) =>
  api<Static<typeof CreatedLogStreamDestination>>('/api/security/log-streams', { method: 'POST', body: { name, url } });
export const removeLogStream = (id: string) => api<{ ok: true }>(`/api/security/log-streams/${id}`, { method: 'DELETE' });
export type ScimRequestOutcome = 'all' | 'failure' | 'warning';
export const fetchRoleMappings = () => api<Static<typeof ScimRoleMappingList>>('/api/scim-role-mappings');
export const createRoleMapping = (groupId: string, roleId: string) =>
  api<Static<typeof ScimRoleMappingOutcome>>('/api/scim-role-mappings', { method: 'POST', body: { groupId, roleId } });
export const removeRoleMapping = (id: string) => api<Static<typeof ScimRoleMappingOutcome>>(`/api/scim-role-mappings/${id}`, { method: 'DELETE' });
export const fetchScimRequests = (outcome: ScimRequestOutcome, cursor: string | undefined) =>
  api<Static<typeof ScimRequestPage>>('/api/scim-requests', { query: { outcome, cursor, limit: 25 } });
