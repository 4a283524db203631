import { call } from '../../shared/client';

export const fetchUserActivity = (userId: string, cursor?: string) =>
  call('get', '/api/users/{id}/activity', { path: { id: userId }, query: { limit: 20, cursor } });

export const fetchUserUsage = (userId: string, days: 30 | 90) => call('get', '/api/users/{id}/usage', { path: { id: userId }, query: { days } });

export const fetchUsageOverview = (inactiveDays: number) => call('get', '/api/usage/overview', { query: { inactiveDays } });

export const fetchInactiveUsers = (days: number, cursor?: string) => call('get', '/api/usage/inactive-users', { query: { days, limit: 50, cursor } });

export const usageSettingsKey = ['usage-settings'] as const;
export const fetchUsageSettings = () => call('get', '/api/usage/settings');
export const updateUsageSettings = (retentionDays: number) => call('put', '/api/usage/settings', { body: { retentionDays } });
