import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { requestMagicLink, signInRoute } from '../api';

/**
 * Email first: ask where the address signs in. Single sign-on → the browser goes to the identity
 * provider; otherwise the sign-in link step (when the organization still allows magic links).
 */
export function useEmailFirstSignIn() {
  const [email, setEmail] = useState<string | null>(null);
  const route = useMutation({
    mutationFn: (address: string) => signInRoute(address),
    onSuccess: (answer, address) => {
      if (answer.method === 'sso' && answer.url) window.location.assign(answer.url);
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
