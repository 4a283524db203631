import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../shared/client';
import { useGroups, useRoles } from '../../shared/lookups';
import { useCan } from '../../shared/useMe';
import { matches, type PaletteEntry, type PalettePage } from './entries';
import { t } from '../../shared/i18n';

const FOUND_PER_KIND = 5;

function useFound(query: string) {
  const can = useCan();
  const [q] = useDebouncedValue(query.trim(), 120);
  const searching = q.length >= 2;
  // People and Workspaces are searched by the server (a million users do not come to the browser; the
  // people lookup answers in milliseconds at that size, email-prefix matches first);
  // groups and roles are short lists the console already holds.
  const users = useQuery({
    queryKey: ['palette', 'users', q],
    queryFn: () => call('get', '/api/users/lookup', { query: { q, limit: FOUND_PER_KIND } }),
    enabled: searching && can('users.view'),
    staleTime: 10_000,
  });
  const workspaces = useQuery({
    queryKey: ['palette', 'workspaces', q],
    queryFn: () => call('get', '/api/workspaces', { query: { search: q, limit: FOUND_PER_KIND } }),
    enabled: searching && can('workspaces.view'),
    staleTime: 10_000,
  });
  const groups = useGroups();
  const roles = useRoles();
  return { q, searching, users, workspaces, groups, roles, can };
}

/** What the palette offers for `query`: matching pages and actions, then users, groups, roles and Workspaces found by name. */
export function usePaletteEntries(query: string, pages: PalettePage[]): { entries: PaletteEntry[]; loading: boolean } {
  const { q, searching, users, workspaces, groups, roles, can } = useFound(query);
  const actions: PaletteEntry[] = [
    ...(can('users.invite') ? [{ id: 'invite', group: 'Actions' as const, label: t('palette.action.invite'), to: '/admin/users?invite=1' }] : []),
    ...(can('roles.manage') ? [{ id: 'new-role', group: 'Actions' as const, label: t('palette.action.newRole'), to: '/admin/roles/new' }] : []),
  ];
  const entries: PaletteEntry[] = [
    ...actions.filter((a) => matches(a.label, q)),
    ...pages.filter((p) => matches(p.label, q)).map((p) => ({ id: `page:${p.to}`, group: 'Pages' as const, label: p.label, to: p.to })),
  ];
  if (searching) {
    for (const u of users.data?.matches ?? []) {
      entries.push({ id: `user:${u.id}`, group: 'Users', label: u.name, hint: u.email, to: `/admin/users/${u.id}` });
      if (can('users.deactivate') && u.status === 'active')
        entries.push({
          id: `deactivate:${u.id}`,
          group: 'Actions',
          label: t('palette.action.deactivate', { name: u.name }),
          hint: u.email,
          to: `/admin/users/${u.id}?do=deactivate`,
        });
    }
    if (can('groups.view'))
      for (const g of (groups.data?.items ?? []).filter((g) => matches(g.name, q)).slice(0, FOUND_PER_KIND))
        entries.push({ id: `group:${g.id}`, group: 'Groups', label: g.name, to: `/admin/groups/${g.id}` });
    if (can('roles.view'))
      for (const r of (roles.data?.items ?? []).filter((r) => matches(r.name, q)).slice(0, FOUND_PER_KIND))
        entries.push({ id: `role:${r.id}`, group: 'Roles', label: r.name, to: `/admin/roles/${r.id}` });
    for (const w of workspaces.data?.items ?? [])
      entries.push({ id: `workspace:${w.id}`, group: 'Workspaces', label: w.name, to: `/admin/workspaces/${w.id}` });
  }
  return { entries, loading: searching && (users.isFetching || workspaces.isFetching) };
}
