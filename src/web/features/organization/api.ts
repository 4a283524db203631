import type { OrganizationSettings } from '../../../contracts/organization';
import { api } from '../../shared/api';

export const settingsKey = ['organization', 'settings'] as const;

export const fetchSettings = () => api<OrganizationSettings>('/api/organization/settings');

export type SettingsPatch = Partial<Omit<OrganizationSettings, 'version'>> & { reason?: string };
export const updateSettings = (body: SettingsPatch) => api<OrganizationSettings>('/api/organization/settings', { method: 'PATCH', body });
