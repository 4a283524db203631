import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { REASON_MISSING, reasonMissing } from '../../../../shared/reason/ReasonField';
import { useReasonRequired } from '../../../../shared/reason/useReasonRequired';
import { changeUserRole } from '../../detail-api';
import type { SectionProps } from './types';
import { useUserUpdated } from './useUserUpdated';
import { t } from '../../../../shared/i18n';

/**
 * The "Change role" form: the chosen role and reason, the save (based on the version loaded when the
 * dialog opened), and a reload of the latest version after a conflict.
 */
export function useChangeUserRole(user: SectionProps['user'], reload: SectionProps['reload'], onClose: () => void) {
  const reasonRequired = useReasonRequired();
  const updated = useUserUpdated();
  const [roleId, setRoleId] = useState<string | null>(user.role.id);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  // The version this edit is based on: the one loaded when the dialog opened, until a reload.
  const [version, setVersion] = useState(user.version);
  const [reloading, setReloading] = useState(false);

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof changeUserRole>[1]) => changeUserRole(user.id, body),
    onSuccess: (data) => {
      updated(data, user.id);
      notifications.show({ color: 'green', message: t('user.roleChanged', { name: data.name || data.email, role: data.role.name }) });
      onClose();
    },
  });

  async function reloadLatest() {
    setReloading(true);
    try {
      const result = (await reload()) as { data?: { version: number; role: { id: string } } };
      if (result?.data) {
        setVersion(result.data.version);
        setRoleId((current) => current ?? result.data!.role.id);
      }
      mutation.reset();
    } finally {
      setReloading(false);
    }
  }

  function submit() {
    if (reasonMissing(reasonRequired, reason)) {
      setReasonError(REASON_MISSING);
      return;
    }
    setReasonError(null);
    mutation.mutate({ roleId: roleId!, reason: reason.trim() || undefined, version });
  }

  return { reasonRequired, roleId, setRoleId, reason, setReason, reasonError, reloading, mutation, reloadLatest, submit };
}
