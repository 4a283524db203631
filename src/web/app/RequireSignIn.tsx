import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../shared/useMe';

export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (!me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // Passkey policy: until a passkey is enrolled (or verified after a magic link) only Account pages open.
  if (me.data.passkeyGate && !location.pathname.startsWith('/account/')) {
    const to =
      me.data.passkeyGate === 'PASSKEY_ENROLLMENT_REQUIRED'
        ? '/account/security'
        : `/account/verify-passkey?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}
