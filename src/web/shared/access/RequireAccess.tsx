import type { ReactNode } from 'react';
import { useMe } from '../useMe';
import { AccessDenied } from './AccessDenied';
import { missingFor, type Access } from './access';

/** Renders the page only for roles that may open it; everyone else gets "You don't have access". */
export function RequireAccess({ access, children }: { access: Access; children: ReactNode }) {
  const me = useMe().data;
  const missing = missingFor(access, new Set(me?.permissions ?? []));
  if (missing.all.length || missing.any.length) return <AccessDenied missing={missing} />;
  return <>{children}</>;
}
