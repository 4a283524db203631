import { useDisclosure } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InactiveUser } from '../../../../contracts/usage';
import { fetchInactiveUsers } from '../api';

/** The inactive-accounts card's state: the period, the pages loaded so far, the selection, and the review dialog. */
export function useInactiveAccounts() {
  const [days, setDays] = useState('30');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reviewOpen, review] = useDisclosure(false);
  const list = useInfiniteQuery({
    queryKey: ['inactive-users', days],
    queryFn: ({ pageParam }) => fetchInactiveUsers(Number(days), pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows: InactiveUser[] = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = rows.filter((r) => selected.has(r.id));
  return { days, setDays, selected, setSelected, reviewOpen, review, list, rows, total, toggle, chosen };
}
