import { call, everyPage } from '../../shared/client';

export type AlertView = 'open' | 'dismissed';

export const alertKeys = {
  all: ['security-alerts'] as const,
  list: (view: AlertView, mine: boolean) => ['security-alerts', 'list', view, mine] as const,
  openCount: ['security-alerts', 'open-count'] as const,
  assignees: ['security-alerts', 'assignees'] as const,
  digest: ['security-alerts', 'digest'] as const,
};

export const fetchAlerts = (status: AlertView, assignedToMe: boolean, cursor?: string) =>
  call('get', '/api/security/alerts', { query: { status, assignedToMe: assignedToMe || undefined, cursor } });
export const fetchOpenAlertCount = () => call('get', '/api/security/alerts/open-count');
/** Every person an alert can be assigned to (the assignee select needs them all), following the list's pages. */
export const fetchAssignees = async () => ({
  items: await everyPage((cursor) => call('get', '/api/security/alerts/assignees', { query: { cursor, limit: 200 } })),
});
export const dismissAlert = (id: string, reason: string) => call('post', '/api/security/alerts/{id}/dismiss', { path: { id }, body: { reason } });
export const escalateAlert = (id: string, reason: string) => call('post', '/api/security/alerts/{id}/escalate', { path: { id }, body: { reason } });
export const assignAlert = (id: string, assigneeId: string | null) => call('post', '/api/security/alerts/{id}/assign', { path: { id }, body: { assigneeId } });
export const fetchDigest = () => call('get', '/api/security/alerts/digest');
export const setDigest = (subscribed: boolean) => call('put', '/api/security/alerts/digest', { body: { subscribed } });
