import type { PermissionDefinition } from '../../../contracts/permissions';
import type {
  CreateRoleBody,
  DuplicateRoleBody,
  RecommendRoleBody,
  Role,
  RoleImpact,
  RoleImpactBody,
  RoleRecommendation,
  UpdateRoleBody,
} from '../../../contracts/roles';
import { api } from '../../shared/api';

export const fetchRoles = () => api<{ items: Role[] }>('/api/roles').then((r) => r.items);
export const fetchRole = (id: string) => api<Role>(`/api/roles/${encodeURIComponent(id)}`);
export const fetchPermissions = () => api<{ items: PermissionDefinition[] }>('/api/permissions').then((r) => r.items);
export const createRole = (body: CreateRoleBody) => api<Role>('/api/roles', { method: 'POST', body });
export const updateRole = (id: string, body: UpdateRoleBody) => api<Role>(`/api/roles/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const duplicateRole = (id: string, body: DuplicateRoleBody = {}) =>
  api<Role>(`/api/roles/${encodeURIComponent(id)}/duplicate`, { method: 'POST', body });
export const deleteRole = (id: string) => api<{ ok: true }>(`/api/roles/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const reviewImpact = (body: RoleImpactBody) => api<RoleImpact>('/api/roles/impact', { method: 'POST', body });
export const recommendRole = (body: RecommendRoleBody) => api<RoleRecommendation>('/api/roles/recommend', { method: 'POST', body });

export interface UserOption {
  id: string;
  name: string;
  email: string;
  status: string;
}
export const searchActiveUsers = (search: string) =>
  api<{ items: UserOption[] }>('/api/users', { query: { search: search || undefined, status: 'active', limit: 20 } }).then((r) => r.items);
