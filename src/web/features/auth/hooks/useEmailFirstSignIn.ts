import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { requestMagicLink, signInRoute } from '../api';

/**
 * Email first: ask where the address signs in. Single sign-on → the browser goes to the identity
 * provider; otherwise the sign-in link step (when the organization still allows magic links, or for a
 * break-glass administrator).
 */
export function useEmailFirstSignIn(options: { breakGlass: boolean }) {
  const [email, setEmail] = useState<string | null>(null);
  const route = useMutation({
    mutationFn: (address: string) => signInRoute(address),
    onSuccess: (answer, address) => {
      // Break-glass (?break-glass=1): a named administrator asks for a link even where SSO is enforced.
      if (answer.method === 'sso' && answer.url && !options.breakGlass) window.location.assign(answer.url);
      else setEmail(address);
    },
  });
  const send = useMutation({ mutationFn: (address: string) => requestMagicLink(address) });
  return {
    route,
    send,
    /** The address whose sign-in-link step is showing, or null while the email is asked. */
    email,
    reset: () => {
      setEmail(null);
      route.reset();
      send.reset();
    },
  };
}
