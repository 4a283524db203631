import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { SignInResult } from '../../../contracts/auth';
import type { AccountSecurity, Passkey } from '../../../contracts/passkeys';
import { api } from '../../shared/api';

export const fetchAccountSecurity = () => api<AccountSecurity>('/api/account/security');
export const renamePasskey = (id: string, name: string) => api<Passkey>(`/api/account/passkeys/${id}`, { method: 'PATCH', body: { name } });
export const removePasskey = (id: string) => api<{ ok: true }>(`/api/account/passkeys/${id}`, { method: 'DELETE' });
export const revokeSession = (id: string) => api<{ ok: true }>(`/api/account/sessions/${id}`, { method: 'DELETE' });
export const revokeOtherSessions = () => api<{ revoked: number }>('/api/account/sessions/revoke-others', { method: 'POST' });

/** "Add passkey": the server's options, the authenticator's ceremony, the server's verification. */
export async function addPasskey(name?: string): Promise<Passkey> {
  const { options } = await api<{ options: PublicKeyCredentialCreationOptionsJSON }>('/api/account/passkeys/registration-options', { method: 'POST' });
  const credential = await startRegistration({ optionsJSON: options });
  return api<Passkey>('/api/account/passkeys', { method: 'POST', body: { credential, ...(name ? { name } : {}) } });
}

/** Proves a passkey on this session (after a magic link, or step-up before a sensitive action). */
export async function verifyPasskey(): Promise<{ verifiedAt: string }> {
  const { options } = await api<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/account/passkeys/verification-options', {
    method: 'POST',
    noStepUp: true,
  });
  const credential = await startAuthentication({ optionsJSON: options });
  return api<{ verifiedAt: string }>('/api/account/passkeys/verify', { method: 'POST', body: { credential }, noStepUp: true });
}

/** "Continue with passkey": discoverable credentials, so no email is needed. */
export async function signInWithPasskey(): Promise<SignInResult> {
  const { options } = await api<{ options: PublicKeyCredentialRequestOptionsJSON }>('/api/auth/passkey/options', { method: 'POST' });
  const credential = await startAuthentication({ optionsJSON: options });
  return api<SignInResult>('/api/auth/passkey/verify', { method: 'POST', body: { credential } });
}

/** The browser's own WebAuthn errors (cancelled, timed out) in words. */
export function passkeyErrorMessage(error: unknown): string {
  const name = (error as { name?: string })?.name;
  if (name === 'NotAllowedError') return 'The passkey request was cancelled or timed out.';
  if (name === 'InvalidStateError') return 'This passkey is already registered on your account.';
  return (error as Error)?.message ?? 'The passkey could not be used.';
}
