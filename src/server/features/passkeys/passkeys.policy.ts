import { isPrivilegedSet } from '../../../contracts/permissions.js';

/** A passkey verified on this session within this window satisfies step-up. */
export const STEP_UP_WINDOW_MS = 10 * 60_000;
/** A session this young counts as a fresh sign-in for passkey recovery (add / remove without a passkey). */
export const FRESH_SIGN_IN_MS = 10 * 60_000;

export type PasskeyRequirementReason = 'role' | 'organization_all' | 'organization_privileged';

export interface PolicyInputs {
  role: {
    permissions: string | readonly string[];
    require_passkey_enrollment: number | boolean;
    require_passkey_after_magic_link: number | boolean;
    require_passkey_after_sso?: number | boolean;
  };
  organization: { require_passkeys_privileged: number | boolean; require_passkeys_all: number | boolean };
}

export interface PasskeyRequirement {
  /** The user must have at least one passkey. */
  required: boolean;
  reasons: PasskeyRequirementReason[];
  /** A magic-link session must pass a passkey challenge (or enrol one) before anything else. */
  afterMagicLink: boolean;
  /** The same after a single sign-on ("Require passkey after SSO sign-in": SSO is the first factor). */
  afterSso: boolean;
}

const REASON_TEXT: Record<PasskeyRequirementReason, string> = {
  role: 'the role requires users to enroll a passkey',
  organization_all: 'the organization requires passkeys for all users',
  organization_privileged: 'the organization requires passkeys for privileged users',
};

export function describeReasons(reasons: readonly PasskeyRequirementReason[]): string {
  return reasons.map((r) => REASON_TEXT[r]).join('; ');
}

/** Which policies require this user to hold a passkey: the role's and the organization's. */
export function passkeyRequirement({ role, organization }: PolicyInputs): PasskeyRequirement {
  const permissions = typeof role.permissions === 'string' ? (JSON.parse(role.permissions) as string[]) : role.permissions;
  const reasons: PasskeyRequirementReason[] = [];
  if (Number(role.require_passkey_enrollment)) reasons.push('role');
  if (Number(organization.require_passkeys_all)) reasons.push('organization_all');
  if (Number(organization.require_passkeys_privileged) && isPrivilegedSet(permissions)) reasons.push('organization_privileged');
  return {
    required: reasons.length > 0,
    reasons,
    afterMagicLink: Boolean(Number(role.require_passkey_after_magic_link)),
    afterSso: Boolean(Number(role.require_passkey_after_sso ?? 0)),
  };
}

/**
 * Idle auto logout in minutes, or null when off: the strictest policy that applies to the user.
 * Today only the role sets one; a future organization- or deployment-wide limit joins here.
 */
export function idleLogoutMinutes(policies: { roleIdleMinutes: number | null }): number | null {
  const limits = [policies.roleIdleMinutes].filter((m): m is number => typeof m === 'number' && m > 0);
  return limits.length ? Math.min(...limits) : null;
}

export type PasskeyGate = 'PASSKEY_ENROLLMENT_REQUIRED' | 'PASSKEY_VERIFICATION_REQUIRED' | null;

/**
 * What a session must do before anything else. A user who must (or, after a magic link, should)
 * hold a passkey and has none enrols one; a magic-link session of a role that requires a passkey
 * after magic-link sign-in proves one first.
 */
export function passkeyGate(input: {
  requirement: PasskeyRequirement;
  passkeyCount: number;
  authMethod: string;
  passkeyVerifiedAt: string | null;
}): PasskeyGate {
  const { requirement, passkeyCount, authMethod, passkeyVerifiedAt } = input;
  const magicLinkSession = authMethod === 'magic_link' || authMethod === 'invitation';
  // A break-glass sign-in (magic link while SSO is enforced) always proves a passkey first.
  const breakGlass = authMethod === 'break_glass' && !passkeyVerifiedAt;
  const afterSso = requirement.afterSso && authMethod === 'sso' && !passkeyVerifiedAt;
  const needsPasskeyNow = (requirement.afterMagicLink && magicLinkSession && !passkeyVerifiedAt) || breakGlass || afterSso;
  if (passkeyCount === 0 && (requirement.required || needsPasskeyNow)) return 'PASSKEY_ENROLLMENT_REQUIRED';
  if (needsPasskeyNow) return 'PASSKEY_VERIFICATION_REQUIRED';
  return null;
}

/** Step-up holds when the user has no passkey, or verified one on this session within 10 minutes. */
export function stepUpSatisfied(passkeyCount: number, passkeyVerifiedAt: string | null, now: Date): boolean {
  if (passkeyCount === 0) return true;
  return passkeyVerifiedAt !== null && now.getTime() - Date.parse(passkeyVerifiedAt) <= STEP_UP_WINDOW_MS;
}

/** Recent proof of identity on this session: a passkey within 10 minutes, or a sign-in within 10 minutes. */
export function recentlyAuthenticated(session: { createdAt: string; passkeyVerifiedAt: string | null }, now: Date): boolean {
  const t = now.getTime();
  return (
    t - Date.parse(session.createdAt) <= FRESH_SIGN_IN_MS ||
    (session.passkeyVerifiedAt !== null && t - Date.parse(session.passkeyVerifiedAt) <= STEP_UP_WINDOW_MS)
  );
}
