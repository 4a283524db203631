import type { PermissionDefinition } from '../../../contracts/permissions';
import type { CreateRoleBody, DuplicateRoleBody, RecommendRoleBody, RoleImpactBody, UpdateRoleBody } from '../../../contracts/roles';
import { call, everyPage } from '../../shared/client';

/** Every role, following the pages of GET /api/roles to the end: the roles page lists them all. */
export const fetchRoles = () => everyPage((cursor) => call('get', '/api/roles', { query: { cursor, limit: 200 } }));
export const fetchRole = (id: string) => call('get', '/api/roles/{id}', { path: { id } });
// The document types a category as a string; the catalogue's own type names the categories.
export const fetchPermissions = () => call('get', '/api/permissions').then((r) => r.items as PermissionDefinition[]);
export const createRole = (body: CreateRoleBody) => call('post', '/api/roles', { body });
export const updateRole = (id: string, body: UpdateRoleBody) => call('patch', '/api/roles/{id}', { path: { id }, body });
export const duplicateRole = (id: string, body: DuplicateRoleBody = {}) => call('post', '/api/roles/{id}/duplicate', { path: { id }, body });
export const deleteRole = (id: string) => call('delete', '/api/roles/{id}', { path: { id } });
export const reviewImpact = (body: RoleImpactBody) => call('post', '/api/roles/impact', { body });
export const recommendRole = (body: RecommendRoleBody) => call('post', '/api/roles/recommend', { body });

export interface UserOption {
  id: string;
  name: string;
  email: string;
  status: string;
}
export const searchActiveUsers = (search: string) =>
  call('get', '/api/users', { query: { search: search || undefined, status: 'active', limit: 20 } }).then((r): UserOption[] => r.items);
