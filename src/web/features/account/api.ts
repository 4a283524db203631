import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { call } from '../../shared/client';

export const fetchAccountSecurity = () => call('get', '/api/account/security');
export const renamePasskey = (id: string, name: string) => call('patch', '/api/account/passkeys/{id}', { path: { id }, body: { name } });
export const removePasskey = (id: string) => call('delete', '/api/account/passkeys/{id}', { path: { id } });
export const revokeSession = (id: string) => call('delete', '/api/account/sessions/{id}', { path: { id } });
export const revokeOtherSessions = () => call('post', '/api/account/sessions/revoke-others');

/** "Add passkey": the server's options, the authenticator's ceremony, the server's verification. */
export async function addPasskey(name?: string) {
  const { options } = await call('post', '/api/account/passkeys/registration-options');
  const credential = await startRegistration({ optionsJSON: options });
  return call('post', '/api/account/passkeys', { body: { credential, ...(name ? { name } : {}) } });
}

/** Proves a passkey on this session (after a magic link, or step-up before a sensitive action). */
export async function verifyPasskey() {
  const { options } = await call('post', '/api/account/passkeys/verification-options', { noStepUp: true });
  const credential = await startAuthentication({ optionsJSON: options });
  return call('post', '/api/account/passkeys/verify', { body: { credential }, noStepUp: true });
}

/** "Continue with passkey": discoverable credentials, so no email is needed. */
export async function signInWithPasskey() {
  const { options } = await call('post', '/api/auth/passkey/options');
  const credential = await startAuthentication({ optionsJSON: options });
  return call('post', '/api/auth/passkey/verify', { body: { credential } });
}

/** The browser's own WebAuthn errors (cancelled, timed out) in words. */
export function passkeyErrorMessage(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
  if (name === 'InvalidStateError') return 'This passkey is already registered on your account.';
  return (error as Error)?.message ?? 'The passkey could not be used.';
}
