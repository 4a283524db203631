import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { BulkJob } from '../../../../contracts/bulk-jobs';
import { cancelBulkJob, fetchBulkJob, fetchBulkJobs, undoBulkJob } from '../api';

const ACTIVE = new Set<BulkJob['status']>(['queued', 'running']);
export const isActive = (job: BulkJob) => ACTIVE.has(job.status);

/**
 * The organization's recent jobs, polled every second while one runs: the server holds the state,
 * so a reload (or a restarted server) shows the same progress. When a job ends, the lists it
 * changed are fetched again.
 */
export function useBulkJobs() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['bulk-jobs'],
    queryFn: fetchBulkJobs,
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 1000 : false),
  });
  const active = (query.data?.items ?? []).filter(isActive).map((j) => j.id);
  const activeKey = active.join(',');
  const previous = useRef(activeKey);
  useEffect(() => {
    if (previous.current && previous.current !== activeKey) {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
      void queryClient.invalidateQueries({ queryKey: ['roles'] });
    }
    previous.current = activeKey;
  }, [activeKey, queryClient]);
  return query;
}

export function useBulkJobDetail(id: string | null) {
  return useQuery({ queryKey: ['bulk-jobs', id], queryFn: () => fetchBulkJob(id!), enabled: !!id });
}

/**
 * One job with its first skipped items, polled every second while it runs (the CSV tab's progress).
 * When it ends, the job list and the lists it changed are fetched again.
 */
export function useLiveBulkJob(id: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['bulk-jobs', id],
    queryFn: () => fetchBulkJob(id!),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && isActive(q.state.data) ? 1000 : false),
  });
  const active = query.data ? isActive(query.data) : null;
  const previous = useRef(active);
  useEffect(() => {
    if (previous.current && active === false) {
      void queryClient.invalidateQueries({ queryKey: ['bulk-jobs'], exact: true });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    }
    previous.current = active;
  }, [active, queryClient]);
  return query;
}

export function useBulkJobActions() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['bulk-jobs'] });
  const cancel = useMutation({ mutationFn: cancelBulkJob, onSuccess: refresh });
  const undo = useMutation({ mutationFn: undoBulkJob, onSuccess: refresh });
  return { cancel, undo };
}
