import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { OrganizationSettings } from '../../../../contracts/organization';
import { ApiError } from '../../../shared/api';
import { fetchSettings, settingsKey, updateSettings, type SettingsPatch } from '../api';

export type Draft = Omit<OrganizationSettings, 'version'>;

const toDraft = ({ version: _v, ...rest }: OrganizationSettings): Draft => rest;

/**
 * The settings as saved and as being edited: the draft starts from the server's copy, the patch
 * holds only the fields that differ, and saving sends it with the optional reason. A refused
 * domain (INVALID_DOMAIN) is shown on the domains field.
 */
export function useSettingsDraft() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchSettings });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reason, setReason] = useState('');
  const [domainError, setDomainError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data && !draft) setDraft(toDraft(settings.data));
  }, [settings.data, draft]);

  const saved = settings.data ? toDraft(settings.data) : null;
  const patch: SettingsPatch = {};
  if (draft && saved) {
    for (const key of Object.keys(draft) as (keyof Draft)[]) {
      if (JSON.stringify(draft[key]) !== JSON.stringify(saved[key])) (patch as Record<string, unknown>)[key] = draft[key];
    }
  }
  const dirty = Object.keys(patch).length > 0;

  const mutation = useMutation({
    mutationFn: () => updateSettings({ ...patch, reason: reason.trim() || undefined }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      setDraft(toDraft(data));
      setReason('');
      notifications.show({ color: 'green', message: 'Organization settings saved.' });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'INVALID_DOMAIN') setDomainError(error.message);
    },
  });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));
  const discard = () => {
    setDraft(saved);
    setDomainError(null);
    mutation.reset();
  };

  return { settings, draft, saved, set, discard, dirty, reason, setReason, domainError, setDomainError, mutation };
}

export type SettingsDraft = ReturnType<typeof useSettingsDraft>;
