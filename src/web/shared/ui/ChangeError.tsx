import { Alert, Button, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../api';
import { t } from '../i18n';

export function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'VERSION_CONFLICT';
}

/** The `current` values the server sends with a 409 VERSION_CONFLICT. */
export function conflictCurrent<T>(error: ApiError): T | undefined {
  return (error.details as { current?: T } | undefined)?.current;
}

/**
 * Why a change was not saved. A stale edit (409 VERSION_CONFLICT) says what changed meanwhile and
 * offers to reload; any other refusal shows the server's own message (guardrails, reasons).
 */
export function ChangeError({
  error,
  whatChanged,
  onReload,
  reloading,
  subject = 'user',
}: {
  error: unknown;
  whatChanged?: string;
  onReload: () => void;
  reloading?: boolean;
  /** What was being edited, for the conflict's title. */
  subject?: 'user' | 'group';
}) {
  if (!error) return null;
  if (isVersionConflict(error)) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t(`changeError.conflict.${subject}`)} role="alert">
        <Text size="sm">{t('changeError.nothingSaved', { whatChanged: whatChanged ?? t(`changeError.changedSinceLoad.${subject}`) })}</Text>
        <Button mt="sm" size="xs" variant="white" c="#6b4700" leftSection={<IconRefresh size={14} />} onClick={onReload} loading={reloading}>
          {t('changeError.reload')}
        </Button>
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('confirm.notSaved')} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
