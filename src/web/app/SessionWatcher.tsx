import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onApiError } from '../shared/api';

const PUBLIC_PREFIXES = ['/sign-in', '/mailbox', '/invitations/accept', '/sso/test-done'];

/** Session-wide answers from the API become navigation, wherever the request was made. */
export function SessionWatcher() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onApiError((error) => {
        const onPublicPage = PUBLIC_PREFIXES.some((p) => location.pathname.startsWith(p));
        if ((error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') && !onPublicPage) {
          queryClient.clear();
          void navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}${error.code === 'SESSION_EXPIRED' ? '&expired=1' : ''}`, {
            replace: true,
          });
        }
        // The role changed since `me` was read: refresh it so navigation and page guards follow.
        if (error.code === 'FORBIDDEN') void queryClient.invalidateQueries({ queryKey: ['me'] });
        // Passkey policy: enrol first (Account > Security), or prove a passkey after a magic link.
        if (error.code === 'PASSKEY_ENROLLMENT_REQUIRED' && location.pathname !== '/account/security') {
          void navigate('/account/security', { replace: true });
        }
        if (error.code === 'PASSKEY_VERIFICATION_REQUIRED' && !location.pathname.startsWith('/account/')) {
          void navigate(`/account/verify-passkey?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
        }
      }),
    [navigate, location, queryClient],
  );
  return null;
}
