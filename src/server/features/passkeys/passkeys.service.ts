import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Static } from 'typebox';
import type { AccountSecurity, AddPasskeyBody, AuthenticationCredential, Passkey, PasskeyMfa } from '../../../contracts/passkeys.js';
import { recordAudit, selfActor } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { createSession, type NewSession } from '../auth/index.js';
import { deviceLabel } from '../../platform/device.js';
import { PASSKEYS_ERRORS } from './passkeys.errors.js';
import { describeReasons, idleLogoutMinutes, passkeyRequirement, recentlyAuthenticated, type PasskeyRequirement } from './passkeys.policy.js';
import {
  deletePasskey,
  findPasskey,
  findPasskeyByCredentialId,
  insertPasskey,
  listPasskeys,
  markSessionPasskeyVerified,
  renamePasskey,
} from './passkeys.repository.js';
import type { PasskeyRow } from './passkeys.table.js';
import { CHALLENGE_MS, relyingParty, transportsOf, issueChallenge, takeChallenge, verifyAssertion } from './passkeys.webauthn.js';
import { listOwnSessions } from './passkeys.sessions.js';
import { requireUserWithPolicy } from './passkeys.summary.js';

type SignedIn = RequestContext & { actor: Actor };
type Client = { ip: string | null; userAgent: string | null };

function toPasskey(row: PasskeyRow): Passkey {
  return {
    id: row.id,
    name: row.name,
    kind: row.device_type === 'multiDevice' ? 'synced' : 'device-bound',
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** The console asks for a passkey (or a fresh magic link) before passkeys change on an older session. */
function assertRecentlyAuthenticated(ctx: SignedIn): void {
  const state = ctx.actor.passkey;
  if (!state) return;
  if (!recentlyAuthenticated({ createdAt: state.sessionCreatedAt, passkeyVerifiedAt: state.verifiedAt }, ctx.deps.clock())) {
    throw fail(PASSKEYS_ERRORS, 'RECENT_SIGN_IN_REQUIRED');
  }
}

/**
 * A session that still has to prove the passkey it has ("Require passkey after magic-link sign-in")
 * may not enrol a new one instead: whoever holds the mailbox would pass. Only an administrator's
 * passkey recovery, audited and time-limited, opens that door. Returns whether it was used.
 */
function assertMayEnrol(ctx: SignedIn, user: { passkey_recovery_until: string | null }): boolean {
  if (ctx.actor.passkey?.gate !== 'PASSKEY_VERIFICATION_REQUIRED') return false;
  if (user.passkey_recovery_until && user.passkey_recovery_until > nowIso(ctx.deps)) return true;
  throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_REQUIRED');
}

/** Recovery: passkeys change on a session that has not proven a passkey (a magic-link sign-in). */
function isRecovery(ctx: SignedIn, existingCount: number): boolean {
  return existingCount > 0 && !ctx.actor.passkey?.verifiedAt;
}

// ---------------------------------------------------------------- registration

export async function registrationOptions(ctx: SignedIn): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { deps } = ctx;
  const user = await requireUserWithPolicy(deps.db, ctx.organizationId, ctx.actor.userId);
  assertMayEnrol(ctx, user);
  const existing = await listPasskeys(deps.db, ctx.organizationId, user.id);
  if (existing.length > 0) assertRecentlyAuthenticated(ctx);
  const options = await generateRegistrationOptions({
    rpName: `Sofie · ${user.organization_name}`,
    rpID: relyingParty(deps).rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    timeout: CHALLENGE_MS,
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p) })),
    // Discoverable, so "Continue with passkey" works without typing an email.
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  await issueChallenge(deps, 'registration', options.challenge, { organizationId: ctx.organizationId, userId: user.id, sessionId: ctx.actor.sessionId });
  return options;
}

export async function addPasskey(ctx: SignedIn, body: Static<typeof AddPasskeyBody>): Promise<Passkey> {
  const { deps } = ctx;
  const expectedChallenge = await takeChallenge(deps, body.credential.response.clientDataJSON, 'registration', ctx.actor.sessionId);
  const { rpID, origin } = relyingParty(deps);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: body.credential as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch (error) {
    throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_FAILED', { reason: (error as Error).message });
  }
  if (!verification.verified) throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_FAILED');
  const info = verification.registrationInfo;
  const name = body.name?.trim() || `${deviceLabel(ctx.userAgent)} passkey`;

  return deps.db.transaction().execute(async (trx) => {
    const user = await requireUserWithPolicy(trx, ctx.organizationId, ctx.actor.userId);
    const viaAdministratorRecovery = assertMayEnrol(ctx, user);
    const existing = await listPasskeys(trx, ctx.organizationId, ctx.actor.userId);
    if (existing.length > 0) assertRecentlyAuthenticated(ctx);
    if (await findPasskeyByCredentialId(trx, info.credential.id)) throw fail(PASSKEYS_ERRORS, 'PASSKEY_ALREADY_REGISTERED');
    const now = nowIso(deps);
    const row: PasskeyRow = {
      id: deps.newId(),
      organization_id: ctx.organizationId,
      user_id: ctx.actor.userId,
      credential_id: info.credential.id,
      public_key: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      transports: JSON.stringify(body.credential.response.transports ?? info.credential.transports ?? []),
      device_type: info.credentialDeviceType,
      backed_up: info.credentialBackedUp ? 1 : 0,
      aaguid: info.aaguid,
      name: name.slice(0, 100),
      created_at: now,
      last_used_at: null,
    };
    await insertPasskey(trx, row);
    // Enrolling needs user verification on the authenticator: it counts as a passkey check.
    await markSessionPasskeyVerified(trx, ctx.actor.sessionId, now);
    // The administrator's permission is good for one passkey.
    if (viaAdministratorRecovery) await trx.updateTable('users').set({ passkey_recovery_until: null }).where('id', '=', ctx.actor.userId).execute();
    const recovery = isRecovery(ctx, existing.length);
    await recordAudit(trx, ctx, {
      action: recovery ? 'passkey.recovery_enrolled' : 'passkey.enrolled',
      category: recovery ? 'recovery' : 'auth',
      risk: viaAdministratorRecovery ? 'high' : recovery ? 'medium' : 'low',
      subject: { type: 'user', id: ctx.actor.userId, label: ctx.actor.email },
      after: {
        passkeyId: row.id,
        name: row.name,
        kind: toPasskey(row).kind,
        passkeys: existing.length + 1,
        ...(viaAdministratorRecovery && { viaAdministratorRecovery }),
      },
    });
    return toPasskey(row);
  });
}

// ---------------------------------------------------------------- management

export async function renameOwnPasskey(ctx: SignedIn, id: string, name: string): Promise<Passkey> {
  const clean = name.trim();
  if (!clean) throw fail(PASSKEYS_ERRORS, 'PASSKEY_NOT_FOUND', undefined, 'Give the passkey a name.');
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findPasskey(trx, ctx.organizationId, ctx.actor.userId, id);
    if (!row) throw fail(PASSKEYS_ERRORS, 'PASSKEY_NOT_FOUND');
    await renamePasskey(trx, ctx.organizationId, id, clean);
    return toPasskey({ ...row, name: clean });
  });
}

export async function removeOwnPasskey(ctx: SignedIn, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await findPasskey(trx, ctx.organizationId, ctx.actor.userId, id);
    if (!row) throw fail(PASSKEYS_ERRORS, 'PASSKEY_NOT_FOUND');
    // Removing the passkey the policy asks for would turn "prove it" into "enrol one": the same bypass.
    if (ctx.actor.passkey?.gate === 'PASSKEY_VERIFICATION_REQUIRED') throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_REQUIRED');
    const user = await requireUserWithPolicy(trx, ctx.organizationId, ctx.actor.userId);
    const all = await listPasskeys(trx, ctx.organizationId, ctx.actor.userId);
    const requirement = passkeyRequirement({ role: user, organization: user });
    if (requirement.required && all.length <= 1) {
      throw fail(PASSKEYS_ERRORS, 'PASSKEY_REQUIRED_BY_POLICY', { requiredBy: requirement.reasons });
    }
    assertRecentlyAuthenticated(ctx);
    await deletePasskey(trx, ctx.organizationId, id);
    const recovery = isRecovery(ctx, all.length);
    await recordAudit(trx, ctx, {
      action: 'passkey.removed',
      category: recovery ? 'recovery' : 'auth',
      risk: 'medium',
      subject: { type: 'user', id: ctx.actor.userId, label: ctx.actor.email },
      before: { passkeyId: row.id, name: row.name, kind: toPasskey(row).kind, passkeys: all.length },
      after: { passkeys: all.length - 1, recovery },
    });
  });
}

function mfaStatus(requirement: PasskeyRequirement, count: number): PasskeyMfa {
  const explanation = requirement.required
    ? `A passkey is required: ${describeReasons(requirement.reasons)}.`
    : requirement.afterMagicLink
      ? 'Your role requires a passkey check after signing in with a magic link.'
      : 'Passkeys are optional for you; they make signing in faster and safer.';
  return {
    status: count > 0 ? 'enabled' : requirement.required ? 'required' : 'not_set_up',
    required: requirement.required,
    requiredBy: requirement.reasons,
    afterMagicLink: requirement.afterMagicLink,
    explanation,
  };
}

export async function getAccountSecurity(ctx: SignedIn): Promise<AccountSecurity> {
  const { db } = ctx.deps;
  const user = await requireUserWithPolicy(db, ctx.organizationId, ctx.actor.userId);
  const passkeys = await listPasskeys(db, ctx.organizationId, user.id);
  const requirement = passkeyRequirement({ role: user, organization: user });
  return {
    passkeyMfa: mfaStatus(requirement, passkeys.length),
    passkeys: passkeys.map(toPasskey),
    sessions: await listOwnSessions(ctx),
    idleLogoutMinutes: idleLogoutMinutes({ roleIdleMinutes: user.idle_logout_minutes }),
    gate: ctx.actor.passkey?.gate ?? null,
    recoveryUntil: user.passkey_recovery_until && user.passkey_recovery_until > nowIso(ctx.deps) ? user.passkey_recovery_until : null,
  };
}

// ---------------------------------------------------------------- verification (step-up, after magic link)

export async function verificationOptions(ctx: SignedIn): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await listPasskeys(ctx.deps.db, ctx.organizationId, ctx.actor.userId);
  if (passkeys.length === 0) throw fail(PASSKEYS_ERRORS, 'PASSKEY_NOT_FOUND', undefined, 'You have no passkey yet. Add one in Account > Security.');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(ctx.deps).rpID,
    userVerification: 'required',
    timeout: CHALLENGE_MS,
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: transportsOf(p) })),
  });
  await issueChallenge(ctx.deps, 'verification', options.challenge, {
    organizationId: ctx.organizationId,
    userId: ctx.actor.userId,
    sessionId: ctx.actor.sessionId,
  });
  return options;
}

/** Proves a passkey on this session: satisfies "passkey after magic link" and step-up for 10 minutes. */
export async function verifyPasskeyOnSession(ctx: SignedIn, credential: Static<typeof AuthenticationCredential>): Promise<{ verifiedAt: string }> {
  const { deps } = ctx;
  const expectedChallenge = await takeChallenge(deps, credential.response.clientDataJSON, 'verification', ctx.actor.sessionId);
  const passkey = await findPasskeyByCredentialId(deps.db, credential.id);
  if (!passkey || passkey.organization_id !== ctx.organizationId || passkey.user_id !== ctx.actor.userId) throw fail(PASSKEYS_ERRORS, 'PASSKEY_UNKNOWN');
  await verifyAssertion(deps, passkey, credential, expectedChallenge);
  const now = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    await markSessionPasskeyVerified(trx, ctx.actor.sessionId, now);
    await recordAudit(trx, ctx, {
      action: 'auth.passkey_verified',
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: ctx.actor.userId, label: ctx.actor.email },
      after: { passkeyId: passkey.id, name: passkey.name },
    });
  });
  return { verifiedAt: now };
}

// ---------------------------------------------------------------- sign-in with a passkey

export async function signInOptions(deps: Deps): Promise<PublicKeyCredentialRequestOptionsJSON> {
  // No allowCredentials: the authenticator offers its discoverable credentials for this RP.
  const options = await generateAuthenticationOptions({ rpID: relyingParty(deps).rpID, userVerification: 'required', timeout: CHALLENGE_MS });
  await issueChallenge(deps, 'sign_in', options.challenge, null);
  return options;
}

export async function signInWithPasskey(deps: Deps, credential: Static<typeof AuthenticationCredential>, client: Client): Promise<NewSession> {
  const expectedChallenge = await takeChallenge(deps, credential.response.clientDataJSON, 'sign_in', null);
  const passkey = await findPasskeyByCredentialId(deps.db, credential.id);
  if (!passkey) throw fail(PASSKEYS_ERRORS, 'PASSKEY_UNKNOWN');
  const handle = credential.response.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== passkey.user_id) {
    throw fail(PASSKEYS_ERRORS, 'PASSKEY_VERIFICATION_FAILED', { reason: 'The passkey belongs to another account.' });
  }
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', passkey.user_id).executeTakeFirstOrThrow();
  if (user.status !== 'active') throw fail(PASSKEYS_ERRORS, 'ACCOUNT_INACTIVE');
  await verifyAssertion(deps, passkey, credential, expectedChallenge);
  return deps.db.transaction().execute(async (trx) => {
    const session = await createSession(trx, deps, user, 'passkey', client);
    await recordAudit(
      trx,
      { deps, organizationId: user.organization_id, actor: null, ip: client.ip, userAgent: client.userAgent },
      {
        action: 'auth.signed_in',
        actor: selfActor(user),
        category: 'auth',
        risk: 'low',
        subject: { type: 'user', id: user.id, label: user.email },
        after: { method: 'passkey', passkeyId: passkey.id },
      },
    );
    return session;
  });
}
