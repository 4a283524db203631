import type { Static } from 'typebox';
import type { AlertDigestSetting, AlertList, OpenAlertCount, SecurityAlert } from '../../../contracts/alerts';
import { api } from '../../shared/api';

export type AlertView = 'open' | 'dismissed';

export const alertKeys = {
  all: ['security-alerts'] as const,
  list: (view: AlertView, mine: boolean) => ['security-alerts', 'list', view, mine] as const,
  openCount: ['security-alerts', 'open-count'] as const,
  assignees: ['security-alerts', 'assignees'] as const,
  digest: ['security-alerts', 'digest'] as const,
};

export const fetchAlerts = (status: AlertView, assignedToMe: boolean, cursor?: string) =>
  api<Static<typeof AlertList>>('/api/security/alerts', { query: { status, assignedToMe: assignedToMe ? 'true' : undefined, cursor } });
export const fetchOpenAlertCount = () => api<Static<typeof OpenAlertCount>>('/api/security/alerts/open-count');
export const fetchAssignees = () => api<{ items: { id: string; name: string; email: string }[] }>('/api/security/alerts/assignees');
export const dismissAlert = (id: string, reason: string) => api<SecurityAlert>(`/api/security/alerts/${id}/dismiss`, { method: 'POST', body: { reason } });
export const escalateAlert = (id: string, reason: string) => api<SecurityAlert>(`/api/security/alerts/${id}/escalate`, { method: 'POST', body: { reason } });
export const assignAlert = (id: string, assigneeId: string | null) =>
  api<SecurityAlert>(`/api/security/alerts/${id}/assign`, { method: 'POST', body: { assigneeId } });
export const fetchDigest = () => api<Static<typeof AlertDigestSetting>>('/api/security/alerts/digest');
export const setDigest = (subscribed: boolean) =>
  api<Static<typeof AlertDigestSetting>>('/api/security/alerts/digest', { method: 'PUT', body: { subscribed } });
