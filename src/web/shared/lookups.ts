import { useQuery } from '@tanstack/react-query';
import { call, everyPage } from './client';

/** Every role, following the list's pages (200 a page): selects need them all. */
export const fetchAllRoles = async () => ({ items: await everyPage((cursor) => call('get', '/api/roles', { query: { cursor, limit: 200 } })) });

/** Every group for the filters and dialogs, following the list's pages (200 a page) up to a bound. */
const fetchGroups = async () => ({
  items: await everyPage((cursor) => call('get', '/api/groups', { query: { cursor, limit: 200 } }), LOOKUP_GROUPS_MAX),
});
const LOOKUP_GROUPS_MAX = 2_000;

/**
 * Roles and groups: small lists the list, filters and dialogs share. Their keys
 * sit under ['roles'] and ['groups'] (so those features' invalidations refresh them) but with their own
 * suffix, because those features cache a different shape under the bare key.
 */
export function useRoles() {
  return useQuery({ queryKey: ['roles', 'lookup'], queryFn: fetchAllRoles, staleTime: 5_000 });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups', 'lookup'], queryFn: fetchGroups, staleTime: 0 });
}
