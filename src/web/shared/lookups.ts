import { useQuery } from '@tanstack/react-query';
import type { Group } from '../../contracts/groups';
import type { Role } from '../../contracts/roles';
import { api } from './api';

const fetchRoles = () => api<{ items: Role[] }>('/api/roles');
const fetchGroups = () => api<{ items: Group[] }>('/api/groups');

/**
 * Roles and groups: small lists the list, filters and dialogs share. Their keys
 * sit under ['roles'] and ['groups'] (so those features' invalidations refresh them) but with their own
 * suffix, because those features cache a different shape under the bare key.
 */
export function useRoles() {
  return useQuery({ queryKey: ['roles', 'lookup'], queryFn: fetchRoles, staleTime: 5_000 });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups', 'lookup'], queryFn: fetchGroups, staleTime: 0 });
}
