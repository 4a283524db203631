import { Alert, Button, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../api';

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
export function ChangeError({ error, whatChanged, onReload, reloading }: { error: unknown; whatChanged?: string; onReload: () => void; reloading?: boolean }) {
  if (!error) return null;
  if (isVersionConflict(error)) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Someone else changed this user while you were editing" role="alert">
        <Text size="sm">{whatChanged ?? 'The user was changed after this page loaded.'} Nothing was saved.</Text>
        <Button mt="sm" size="xs" variant="white" c="#6b4700" leftSection={<IconRefresh size={14} />} onClick={onReload} loading={reloading}>
          Reload the latest and try again
        </Button>
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Not saved" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
