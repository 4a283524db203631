import { useQuery } from '@tanstack/react-query';
import { call, type Schema } from './client';

const fetchRoles = () => call('get', '/api/roles');

/** Every group for the filters and dialogs, following the list's pages (200 a page) up to a bound. */
async function fetchGroups(): Promise<{ items: Schema<'Group'>[] }> {
  const items: Schema<'Group'>[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('get', '/api/groups', { query: { cursor } });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < LOOKUP_GROUPS_MAX);
  return { items };
}
const LOOKUP_GROUPS_MAX = 2_000;

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
