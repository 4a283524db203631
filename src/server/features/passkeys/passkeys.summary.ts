// A user's passkeys against the policies that apply to them: the user page and its checklist.
import type { DbOrTrx } from '../../db/database.js';
import { fail } from '../../platform/errors.js';
import { PASSKEYS_ERRORS } from './passkeys.errors.js';
import { describeReasons, passkeyRequirement, type PasskeyRequirement, type PolicyInputs } from './passkeys.policy.js';
import { findUserWithPolicy, passkeyCounts } from './passkeys.repository.js';

/** The user with the passkey policies of their role and organization, or USER_NOT_FOUND. */
export async function requireUserWithPolicy(db: DbOrTrx, organizationId: string, userId: string) {
  const user = await findUserWithPolicy(db, organizationId, userId);
  if (!user) throw fail(PASSKEYS_ERRORS, 'USER_NOT_FOUND');
  return user;
}

export interface PasskeySummary {
  /** Until when an administrator allows this user to enrol a passkey without proving one; null when not. */
  recoveryUntil: string | null;
  count: number;
  synced: number;
  deviceBound: number;
  required: boolean;
  requiredBy: PasskeyRequirement['reasons'];
  afterMagicLink: boolean;
  explanation: string;
}

/** The user's passkeys against the policies that apply to them, for the user page and its checklist. */
export async function passkeySummaryForUser(db: DbOrTrx, organizationId: string, userId: string, now: string): Promise<PasskeySummary> {
  const user = await requireUserWithPolicy(db, organizationId, userId);
  const counts = await passkeyCounts(db, organizationId, userId);
  return passkeySummaryFrom({ role: user, organization: user }, user.passkey_recovery_until, counts, now);
}

/** The summary from what a caller already read: the policies, the recovery window and the passkeys by kind. */
export function passkeySummaryFrom(
  policy: PolicyInputs,
  recoveryUntil: string | null,
  counts: { synced: number; deviceBound: number },
  now: string,
): PasskeySummary {
  const requirement = passkeyRequirement(policy);
  return {
    recoveryUntil: recoveryUntil && recoveryUntil > now ? recoveryUntil : null,
    count: counts.synced + counts.deviceBound,
    synced: counts.synced,
    deviceBound: counts.deviceBound,
    required: requirement.required,
    requiredBy: requirement.reasons,
    afterMagicLink: requirement.afterMagicLink,
    explanation: requirement.required ? `Required: ${describeReasons(requirement.reasons)}.` : 'Not required by any policy.',
  };
}
