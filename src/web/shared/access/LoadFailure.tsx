import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api';
import { AccessDenied } from './AccessDenied';
import type { PermissionKey } from '../../../contracts/permissions';

/** A FORBIDDEN answer (the role changed since the page opened, or the page reads more than its guard knew). */
export function forbiddenPermission(error: unknown): PermissionKey | null {
  if (!(error instanceof ApiError) || error.code !== 'FORBIDDEN') return null;
  const permission = (error.details as { permission?: unknown } | undefined)?.permission;
  return typeof permission === 'string' ? (permission as PermissionKey) : null;
}

/**
 * What a page shows when its data did not load: "You don't have access" for a refusal by role, the
 * server's message in a red alert for anything else.
 */
export function LoadFailure({ error, title, children }: { error: unknown; title: string; children?: ReactNode }) {
  const permission = forbiddenPermission(error);
  if (permission) return <AccessDenied missing={{ all: [permission], any: [] }} />;
  return (
    <Alert color="red" title={title}>
      {errorMessage(error)}
      {children}
    </Alert>
  );
}
