// An address that already has an account is linked, not duplicated: the identity provider takes over
// the person's name and SCIM attributes, an invited account becomes active, and the audit says so.
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { deactivateInTransaction, reactivateInTransaction } from '../offboarding/index.js';
import { activateInvitedUser, markProvisioned, requireUserForChange, updateUserProfile, type UserRow } from '../users/index.js';
import { scimFail } from './scim.errors.js';
import { findLink, insertLink, updateLink } from './scim.repository.js';
import { tokenLabel } from './scim.tokens.js';
import type { UserInput } from './scim.user-resource.js';

export type Ctx = RequestContext & { actor: Actor };

/** The SCIM side's columns of a user as the identity provider describes them. */
export function linkColumns(input: UserInput) {
  return {
    user_name: input.userName,
    user_name_normalized: input.userName.toLowerCase(),
    external_id: input.externalId,
    given_name: input.givenName,
    family_name: input.familyName,
    email_type: input.emailType ?? 'work',
    profile: JSON.stringify(input.profile),
    enterprise: input.enterprise ? JSON.stringify(input.enterprise) : null,
  };
}

/** Why the product changes a user's status for SCIM: the audit's reason. */
export function scimReason(ctx: Ctx): string {
  return `By the identity provider through ${ctx.actor.credentialLabel ?? tokenLabel('SCIM')}`;
}

/**
 * `active` as the identity provider says it, by the console's own steps: false deactivates (sessions
 * end at once, Sequences pause), true reactivates (and resumes the Sequences deactivation paused) or
 * activates an invited account. Returns the status before.
 */
export async function applyActive(trx: DbOrTrx, ctx: Ctx, user: UserRow, active: boolean | undefined): Promise<void> {
  if (active === false && (user.status === 'active' || user.status === 'invited')) {
    await deactivateInTransaction(trx, ctx, user.id, scimReason(ctx));
  } else if (active !== false && user.status === 'invited') {
    await activateInvitedUser(trx, user, nowIso(ctx.deps));
  } else if (active === true && user.status === 'deactivated') {
    await reactivateInTransaction(trx, ctx, user.id, { reason: scimReason(ctx), resumeAllSequences: true });
  }
}

/** Name and address as the identity provider has them (a new version only when one differs). */
export async function applyProfile(trx: DbOrTrx, ctx: Ctx, user: UserRow, input: UserInput): Promise<UserRow> {
  if (user.name === input.name && user.email === input.email) return user;
  await updateUserProfile(trx, user, { name: input.name, email: input.email, emailNormalized: input.emailNormalized }, nowIso(ctx.deps));
  return requireUserForChange(trx, ctx.deps.dialect, ctx.organizationId, user.id);
}

export async function linkExistingAccount(trx: DbOrTrx, ctx: Ctx, existing: UserRow, input: UserInput): Promise<UserRow['status']> {
  if (existing.status === 'deleted') throw scimFail('UNIQUENESS', `${input.email} belongs to a deleted user, who can still be restored in the console.`);
  const link = await findLink(trx, ctx.organizationId, existing.id);
  if (link && !link.deleted_at) throw scimFail('UNIQUENESS', `${input.email} is already provisioned, as userName "${link.user_name}".`);
  const now = nowIso(ctx.deps);
  const columns = { ...linkColumns(input), token_id: ctx.actor.userId, deleted_at: null, updated_at: now };
  if (link) await updateLink(trx, ctx.organizationId, existing.id, { ...columns, version: link.version + 1 });
  else await insertLink(trx, { user_id: existing.id, organization_id: ctx.organizationId, ...columns, version: 1, created_at: now });
  let user = await requireUserForChange(trx, ctx.deps.dialect, ctx.organizationId, existing.id);
  await markProvisioned(trx, user, ctx.actor.credentialLabel ?? tokenLabel('SCIM'));
  user = await applyProfile(trx, ctx, user, input);
  await applyActive(trx, ctx, user, input.active);
  await recordAudit(trx, ctx, {
    action: 'scim.user.linked',
    category: 'access',
    risk: 'medium',
    subject: { type: 'user', id: existing.id, label: input.email },
    reason: `${input.email} already had ${existing.status === 'invited' ? 'a pending invitation' : 'an account'}: linked to it instead of creating another.`,
    before: { status: existing.status, name: existing.name, provisioned: false },
    after: { userName: input.userName, externalId: input.externalId, name: input.name, provisioned: true },
  });
  return existing.status;
}
