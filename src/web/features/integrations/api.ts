import { call, type Answer } from '../../shared/client';

export const serviceTokensKey = ['service-tokens'] as const;
export const webhooksKey = ['webhooks'] as const;
export const provisioningKey = ['scim-provisioning'] as const;
export const roleMappingsKey = ['scim-role-mappings'] as const;
export const scimRequestsKey = ['scim-requests'] as const;

// Lists answer keyset pages (newest or oldest first, as each route documents): pass the previous
// page's nextCursor for the next one.
export const fetchServiceTokens = (cursor?: string) => call('get', '/api/service-tokens', { query: { cursor } });
export const createServiceToken = (name: string) => call('post', '/api/service-tokens', { body: { name } });
export const revokeServiceToken = (id: string) => call('delete', '/api/service-tokens/{id}', { path: { id } });

export const fetchWebhookEndpoints = (cursor?: string) => call('get', '/api/webhooks', { query: { cursor } });
export const fetchWebhookDeliveries = (cursor?: string) => call('get', '/api/webhooks/deliveries', { query: { cursor } });
export const createWebhookEndpoint = (url: string, description: string) =>
  call('post', '/api/webhooks', { body: { url, description: description || undefined } });
export const disableWebhookEndpoint = (id: string) => call('delete', '/api/webhooks/{id}', { path: { id } });

export type Provisioning = Answer<'/api/scim-tokens', 'get'>;
export const fetchProvisioning = (cursor?: string) => call('get', '/api/scim-tokens', { query: { cursor } });
export const setProvisioningEnabled = (enabled: boolean) => call('put', '/api/scim-settings', { body: { enabled } });
export const createScimToken = (label: string) => call('post', '/api/scim-tokens', { body: { label } });
export const revokeScimToken = (id: string) => call('delete', '/api/scim-tokens/{id}', { path: { id } });

export const logStreamsKey = ['log-streams'] as const;
export const fetchLogStreams = (cursor?: string) => call('get', '/api/security/log-streams', { query: { cursor } });
export const createLogStream = (name: string, url: string) => call('post', '/api/security/log-streams', { body: { name, url } });
export const removeLogStream = (id: string) => call('delete', '/api/security/log-streams/{id}', { path: { id } });
export type ScimRequestOutcome = 'all' | 'failure' | 'warning';
export const fetchRoleMappings = (cursor?: string) => call('get', '/api/scim-role-mappings', { query: { cursor } });
export const createRoleMapping = (groupId: string, roleId: string) => call('post', '/api/scim-role-mappings', { body: { groupId, roleId } });
export const removeRoleMapping = (id: string) => call('delete', '/api/scim-role-mappings/{id}', { path: { id } });
export const fetchScimRequests = (outcome: ScimRequestOutcome, cursor: string | undefined) =>
  call('get', '/api/scim-requests', { query: { outcome, cursor, limit: 25 } });
