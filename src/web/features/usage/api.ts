import type { ActivityFeed, InactiveUserList, UsageOverview, UsageSettings, UsageTrend } from '../../../contracts/usage';
import { api } from '../../shared/api';

export const fetchUserActivity = (userId: string, cursor?: string) =>
  api<ActivityFeed>(`/api/users/${encodeURIComponent(userId)}/activity`, { query: { limit: 20, cursor } });

export const fetchUserUsage = (userId: string, days: 30 | 90) => api<UsageTrend>(`/api/users/${encodeURIComponent(userId)}/usage`, { query: { days } });

export const fetchUsageOverview = (inactiveDays: number) => api<UsageOverview>('/api/usage/overview', { query: { inactiveDays } });

export const fetchInactiveUsers = (days: number, cursor?: string) => api<InactiveUserList>('/api/usage/inactive-users', { query: { days, limit: 50, cursor } });

export const usageSettingsKey = ['usage-settings'] as const;
export const fetchUsageSettings = () => api<UsageSettings>('/api/usage/settings');
export const updateUsageSettings = (retentionDays: number) => api<UsageSettings>('/api/usage/settings', { method: 'PUT', body: { retentionDays } });
