import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../../../shared/i18n';
import { REASON_MISSING, reasonMissing } from '../../../../shared/reason/ReasonField';
import { useReasonRequired } from '../../../../shared/reason/useReasonRequired';
import { changeUserGroups } from '../../detail-api';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';

/**
 * The "Change groups" form: the chosen groups and reason, the save (based on the version loaded when
 * the dialog opened), and a reload of the latest version after a conflict.
 */
export function useChangeUserGroups(user: SectionProps['user'], reload: SectionProps['reload'], onClose: () => void) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  const [groupIds, setGroupIds] = useState<string[]>(user.groups.map((g) => g.id));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [version, setVersion] = useState(user.version);
  const [reloading, setReloading] = useState(false);

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof changeUserGroups>[1]) => changeUserGroups(user.id, body),
    onSuccess: (data) => {
      updated(data, user.id);
      notifications.show({
        color: 'green',
        message: data.groups.length
          ? t('user.groups.changed', { name: data.name || data.email, groups: data.groups.map((g) => g.name).join(t('common.separator.items')) })
          : t('user.groups.changedToNone', { name: data.name || data.email }),
      });
      onClose();
    },
  });

  async function reloadLatest() {
    setReloading(true);
    try {
      const result = (await reload()) as { data?: { version: number } };
      if (result?.data) setVersion(result.data.version);
      mutation.reset();
    } finally {
      setReloading(false);
    }
  }

  function submit() {
    if (reasonMissing(reasonRequired, reason)) return setReasonError(REASON_MISSING);
    setReasonError(null);
    mutation.mutate({ groupIds, reason: reason.trim() || undefined, version });
  }

  return { reasonRequired, groupIds, setGroupIds, reason, setReason, reasonError, reloading, mutation, reloadLatest, submit };
}
