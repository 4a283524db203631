import { Alert, Button, Code, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';
import { AccessDenied } from './AccessDenied';
import type { PermissionKey } from '../../../contracts/permissions';
import { t } from '../i18n';

/** A FORBIDDEN answer (the role changed since the page opened, or the page reads more than its guard knew). */
export function forbiddenPermission(error: unknown): PermissionKey | null {
  if (!(error instanceof ApiError) || error.code !== 'FORBIDDEN') return null;
  const permission = (error.details as { permission?: unknown } | undefined)?.permission;
  return typeof permission === 'string' ? (permission as PermissionKey) : null;
}

/**
 * What a page shows when its data did not load: "You don't have access" for a refusal by role; for
 * anything else the server's message in a red alert, a Retry button (with `onRetry`) and the request
 * id the server sent, to quote when reporting it.
 */
export function LoadFailure({ error, title, children, onRetry }: { error: unknown; title: string; children?: ReactNode; onRetry?: () => void }) {
  const permission = forbiddenPermission(error);
  if (permission) return <AccessDenied missing={{ all: [permission], any: [] }} />;
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert color="red" title={title} role="alert">
      {errorMessage(error)}
      {children}
      {(onRetry || requestId) && (
        <Group gap="sm" mt="sm" align="center">
          {onRetry && (
            <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
              {t('common.retry')}
            </Button>
          )}
          {requestId && (
            <Text size="xs" c="var(--mantine-color-error)">
              {t('common.requestId')} <Code>{requestId}</Code>
            </Text>
          )}
        </Group>
      )}
    </Alert>
  );
}
