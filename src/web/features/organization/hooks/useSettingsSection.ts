import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OrganizationSettings } from '../../../../contracts/organization';
import { fetchSettings, settingsKey, updateSettings, type SettingsPatch } from '../api';

export type Draft = Omit<OrganizationSettings, 'version'>;

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/**
 * One card of the organization settings: the fields `keys`, as saved and as being edited. The edit
 * starts when a field changes (until then the card shows the server's values); saving sends only
 * the fields that differ, with the optional reason, so saving one card never sends another card's
 * edits. `saved` says "Saved" from a successful save until the next edit.
 */
export function useSettingsSection<K extends keyof Draft>(keys: readonly K[]) {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchSettings });
  const [edit, setEdit] = useState<Partial<Pick<Draft, K>>>({});
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);

  const server = settings.data;
  const values = server ? ({ ...pick(server, keys), ...edit } as Pick<Draft, K>) : null;
  const patch: Partial<Pick<Draft, K>> = {};
  if (server && values) for (const key of keys) if (differs(values[key], server[key])) patch[key] = values[key];
  const dirty = Object.keys(patch).length > 0;

  // The patch goes in through mutate(), from the render the Save was clicked in: a closure over it
  // would be the mutationFn TanStack Query last took in an effect, possibly a render behind.
  const mutation = useMutation({
    mutationFn: (body: SettingsPatch) => updateSettings(body),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      setEdit({});
      setReason('');
      setSaved(true);
    },
  });

  const set = <F extends K>(key: F, value: Draft[F]) => {
    setEdit((e) => ({ ...e, [key]: value }));
    setSaved(false);
    if (mutation.error) mutation.reset();
  };
  const discard = () => {
    setEdit({});
    setReason('');
    mutation.reset();
  };
  const save = () => {
    if (dirty) mutation.mutate({ ...(patch as SettingsPatch), reason: reason.trim() || undefined });
  };

  return { server: server ? pick(server, keys) : null, values, set, dirty, save, discard, saved, reason, setReason, mutation };
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}

export type SettingsSection<K extends keyof Draft> = ReturnType<typeof useSettingsSection<K>>;
