// The WebAuthn ceremonies' plumbing: the relying party, single-use challenges, and checking an assertion.
import { verifyAuthenticationResponse, type AuthenticationResponseJSON, type AuthenticatorTransportFuture } from '@simplewebauthn/server';
import type { Static } from 'typebox';
import type { AuthenticationCredential } from '../../../contracts/passkeys.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Deps } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { PASSKEYS_ERRORS } from './passkeys.errors.js';
import { consumeChallenge, deleteChallengesBefore, findChallenge, insertChallenge, recordPasskeyUse } from './passkeys.repository.js';
import type { ChallengePurpose, PasskeyRow } from './passkeys.table.js';

export const CHALLENGE_MS = 5 * 60_000;

/** The relying party is this deployment: RP ID from PUBLIC_URL's hostname, origin from its origin. */
export function relyingParty(deps: Deps): { rpID: string; origin: string } {
  const url = new URL(deps.config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

export function transportsOf(row: PasskeyRow): AuthenticatorTransportFuture[] {
  return JSON.parse(row.transports) as AuthenticatorTransportFuture[];
}

export async function issueChallenge(
  deps: Deps,
  purpose: ChallengePurpose,
  challenge: string,
  scope: { organizationId: string; userId: string; sessionId: string } | null,
) {
  const now = deps.clock();
  // Housekeeping: challenges are useless an hour after they expire.
  await deleteChallengesBefore(deps.db, new Date(now.getTime() - 3_600_000).toISOString());
  await insertChallenge(deps.db, {
    id: deps.newId(),
    challenge,
    purpose,
    organization_id: scope?.organizationId ?? null,
    user_id: scope?.userId ?? null,
    session_id: scope?.sessionId ?? null,
    expires_at: new Date(now.getTime() + CHALLENGE_MS).toISOString(),
    created_at: now.toISOString(),
  });
}

/**
 * Finds the challenge the client signed (from clientDataJSON), checks purpose, session, expiry, and
 * consumes it at once, outside any transaction: a replayed or failed response cannot use it again.
 */
export async function takeChallenge(deps: Deps, clientDataJSON: string, purpose: ChallengePurpose, sessionId: string | null): Promise<string> {
  let challenge: unknown;
  try {
    challenge = (JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }).challenge;
  } catch {
    throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_FAILED', { reason: 'clientDataJSON is not valid JSON' });
  }
  if (typeof challenge !== 'string' || challenge.length > 200) throw fail(PASSKEYS_ERRORS, 'CHALLENGE_INVALID');
  const row = await findChallenge(deps.db, challenge);
  if (!row || row.purpose !== purpose || row.session_id !== sessionId) throw fail(PASSKEYS_ERRORS, 'CHALLENGE_INVALID');
  if (row.used_at) throw fail(PASSKEYS_ERRORS, 'CHALLENGE_USED');
  const now = nowIso(deps);
  if (row.expires_at <= now) throw fail(PASSKEYS_ERRORS, 'CHALLENGE_EXPIRED');
  if (!(await consumeChallenge(deps.db, row.id, now))) throw fail(PASSKEYS_ERRORS, 'CHALLENGE_USED');
  return row.challenge;
}

/**
 * Verifies an assertion against a stored credential and moves its counter forward. A counter that
 * does not increase (when the authenticator keeps one) is refused and recorded as a high-risk event.
 */
export async function verifyAssertion(deps: Deps, passkey: PasskeyRow, credential: Static<typeof AuthenticationCredential>, expectedChallenge: string) {
  const { rpID, origin } = relyingParty(deps);
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response: credential as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: passkey.credential_id,
        publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
        counter: passkey.counter,
        transports: transportsOf(passkey),
      },
    });
  } catch (error) {
    const reason = (error as Error).message;
    if (/counter/i.test(reason)) await counterRegression(deps, passkey);
    throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_FAILED', { reason });
  }
  if (!verification.verified) throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_FAILED');
  const info = verification.authenticationInfo;
  const stored = await recordPasskeyUse(deps.db, passkey.id, {
    oldCounter: passkey.counter,
    newCounter: info.newCounter,
    backedUp: info.credentialBackedUp,
    now: nowIso(deps),
  });
  if (!stored) await counterRegression(deps, passkey);
  return info;
}

async function counterRegression(deps: Deps, passkey: PasskeyRow): Promise<never> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', passkey.user_id).executeTakeFirst();
    await recordAudit(
      trx,
      { deps, organizationId: passkey.organization_id, actor: null, ip: null, userAgent: null },
      {
        action: 'passkey.counter_regression',
        category: 'auth',
        risk: 'high',
        subject: user ? { type: 'user', id: user.id, label: user.email } : null,
        after: { passkeyId: passkey.id, name: passkey.name, storedCounter: passkey.counter },
      },
    );
  });
  throw fail(PASSKEYS_ERRORS, 'PASSKEY_COUNTER_REGRESSION');
}
