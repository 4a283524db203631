import { useQuery } from '@tanstack/react-query';
import { alertKeys, fetchOpenAlertCount } from './api';

/** Open alerts for the navigation badge; refreshed every minute while the console is open. */
export function useOpenAlertCount(enabled: boolean) {
  return useQuery({ queryKey: alertKeys.openCount, queryFn: fetchOpenAlertCount, enabled, refetchInterval: 60_000 });
}
