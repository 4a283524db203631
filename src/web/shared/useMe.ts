import { useQuery } from '@tanstack/react-query';
import { call } from './client';

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => call('get', '/api/auth/me'), retry: false, staleTime: 30_000 });
}

export function useCan() {
  const me = useMe();
  const permissions = new Set(me.data?.permissions ?? []);
  return (permission: string) => permissions.has(permission);
}
