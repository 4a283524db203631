import { useQuery } from '@tanstack/react-query';
import { fetchGroups, fetchOrganizationSettings, fetchRoles } from '../api';

/** Roles, groups and organization settings: small lists the list, filters and dialogs share. */
export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: fetchRoles, staleTime: 5_000 });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups'], queryFn: fetchGroups, staleTime: 0 });
}

export function useOrganizationSettings() {
  return useQuery({ queryKey: ['organization-settings'], queryFn: fetchOrganizationSettings, staleTime: 60_000 });
}
