import type { OrganizationSettings } from '../../../contracts/organization';
import { api } from '../../shared/api';
import { useMe } from '../../shared/useMe';

export const settingsKey = ['organization', 'settings'] as const;

export const fetchSettings = () => api<OrganizationSettings>('/api/organization/settings');

export type SettingsPatch = Partial<Omit<OrganizationSettings, 'version'>> & { reason?: string };
export const updateSettings = (body: SettingsPatch) => api<OrganizationSettings>('/api/organization/settings', { method: 'PATCH', body });

/**
 * Whether changes to users and groups must carry a business reason (organization setting). It comes
 * with the signed-in user: reading the settings themselves needs "View organization settings".
 */
export function useReasonRequired(): boolean {
  return useMe().data?.organization.businessReasonRequired ?? false;
}
