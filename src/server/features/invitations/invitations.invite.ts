// Inviting people: each address is invited, renewed, or (when it has an account) updated, on its own.
import type { InviteBody, InviteChange, InviteEntry, InviteResult } from '../../../contracts/invitations.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { emailDomain, isValidEmail, nameFromEmail, normalizeEmail } from '../../platform/email.js';
import { requireConditional, requireConditionalStepUpFirst } from '../../platform/access.js';
import { AppError, fail } from '../../platform/errors.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { addToGroup, changeGroupMemberships, findGroup, findGroupNamed } from '../groups/index.js';
import { requireOrganization } from '../organizations/index.js';
import { assertMayActOn, assertNoEscalation, findDefaultRole, findRole, lockOrganizationForAccessChange } from '../roles/index.js';
import { assignRole, createUserAccount, findUserByEmail, updateInvitedUser, type UserRow } from '../users/index.js';
import { INVITATIONS_ERRORS } from './invitations.errors.js';
import { findPendingInvitationByEmail } from './invitations.repository.js';
import { type Resolved, createInvitation, renewInvitation } from './invitations.links.js';

type Ctx = RequestContext & { actor: Actor };

/** Declared on POST /api/invitations: inviting an address that has an account may change that person's role. */
export const EXISTING_USER_ROLE_CHANGE = 'existing_user_role_change';

/** A per-address refusal: the entry is reported as rejected with this code, the others go on. */
function reject(code: keyof typeof INVITATIONS_ERRORS, message?: string, details?: Record<string, unknown>): never {
  throw fail(INVITATIONS_ERRORS, code, details, message);
}

/** The role and group an entry gets when it names none. */
export interface InviteDefaults {
  roleId?: string;
  groupId?: string;
}

/** What every invitation of the organization needs: its allowed email domains and how long a link lasts. */
export interface InviteSettings {
  allowedDomains: string[];
  expiryDays: number;
}

export async function inviteSettingsOf(db: DbOrTrx, organizationId: string): Promise<InviteSettings> {
  const org = await requireOrganization(db, organizationId);
  return { allowedDomains: JSON.parse(org.allowed_email_domains) as string[], expiryDays: org.invitation_expiry_days };
}

async function resolveEntry(trx: DbOrTrx, ctx: Ctx, entry: InviteEntry, body: InviteDefaults, allowedDomains: string[]): Promise<Resolved> {
  const email = entry.email.trim();
  if (!isValidEmail(email)) reject('INVALID_EMAIL', `"${email}" is not a valid email address.`, { email });
  const normalized = normalizeEmail(email);
  if (allowedDomains.length > 0 && !allowedDomains.includes(emailDomain(normalized))) {
    const domain = emailDomain(normalized);
    reject('DOMAIN_NOT_ALLOWED', `${domain} is not one of your organization's allowed email domains (${allowedDomains.join(', ')}).`, {
      domain,
      allowed: allowedDomains,
    });
  }
  const roleId = entry.roleId ?? body.roleId;
  const role = roleId ? await findRole(trx, ctx.organizationId, roleId) : await findDefaultRole(trx, ctx.organizationId);
  if (!role) reject('ROLE_NOT_FOUND');
  const groupRef = entry.group?.trim() || body.groupId;
  let group: { id: string; name: string } | undefined;
  if (groupRef) {
    group = (await findGroup(trx, ctx.organizationId, groupRef)) ?? (await findGroupNamed(trx, ctx.organizationId, groupRef.toLowerCase()));
    if (!group) reject('GROUP_NOT_FOUND', `There is no group "${groupRef}" in your organization.`, { group: groupRef });
  }
  return { email, normalized, role: role, groupId: group?.id ?? null, groupName: group?.name ?? null, name: entry.name?.trim() || null };
}

async function inviteOne(trx: DbOrTrx, ctx: Ctx, r: Resolved, reason: string | null, expiryDays: number): Promise<InviteResult> {
  const now = nowIso(ctx.deps);
  const existing = await findUserByEmail(trx, ctx.organizationId, r.normalized);
  if (existing && existing.status !== 'invited') return updateExistingAccount(trx, ctx, existing, r, reason);
  if (existing) return renewInvitedUser(trx, ctx, existing, r, reason, expiryDays, now);
  return inviteNewUser(trx, ctx, r, reason, expiryDays, now);
}

/** A change in the API's English: "role Member → Admin", "added to Design". */
function changeText(change: InviteChange): string {
  return change.kind === 'role' ? `role ${change.from} → ${change.to}` : `added to ${change.group}`;
}

/** The address already has an account: give it the invited role and group instead of inviting again. */
async function updateExistingAccount(trx: DbOrTrx, ctx: Ctx, existing: UserRow, r: Resolved, reason: string | null): Promise<InviteResult> {
  const changeList: InviteChange[] = [];
  if (existing.role_id !== r.role.id) {
    // Inviting someone who already has an account changes their role: as sensitive as doing it on their page.
    try {
      requireConditional(ctx, EXISTING_USER_ROLE_CHANGE);
    } catch (error) {
      if (error instanceof AppError && error.code === 'FORBIDDEN') reject('ROLE_CHANGE_NOT_ALLOWED');
      throw error;
    }
    const from = await findRole(trx, ctx.organizationId, existing.role_id);
    await assignRole(trx, ctx, existing, r.role.id, reason);
    changeList.push({ kind: 'role', from: from?.name ?? '?', to: r.role.name });
  }
  if (r.groupId) {
    const added = await changeGroupMemberships(trx, ctx, { id: r.groupId, name: r.groupName! }, [existing], 'add', reason);
    if (added.length > 0) changeList.push({ kind: 'group', group: r.groupName! });
  }
  const changes = changeList.map(changeText);
  if (changes.length === 0) {
    return {
      email: existing.email,
      outcome: 'unchanged',
      userId: existing.id,
      message: `${existing.email} already has an account with this role${r.groupName ? ' and group' : ''}; nothing changed.`,
      changes,
      changeList,
      ...(r.groupName ? { groupName: r.groupName } : {}),
    };
  }
  // Each change above gave the user a new version already (a role change, a membership).
  return {
    email: existing.email,
    outcome: 'updated',
    userId: existing.id,
    message: `${existing.email} already has an account, so it was updated instead: ${changes.join('; ')}.`,
    changes,
    changeList,
  };
}

/** Invited before: renew the pending (or expired) invitation instead of creating a second one. */
async function renewInvitedUser(
  trx: DbOrTrx,
  ctx: Ctx,
  existing: UserRow,
  r: Resolved,
  reason: string | null,
  expiryDays: number,
  now: string,
): Promise<InviteResult> {
  await assertMayActOn(trx, ctx.actor, ctx.organizationId, existing);
  const previousRole = await findRole(trx, ctx.organizationId, existing.role_id);
  const pending = await findPendingInvitationByEmail(trx, ctx.organizationId, r.normalized);
  await updateInvitedUser(trx, existing, { roleId: r.role.id, name: r.name ?? existing.name, emailNormalized: r.normalized }, now);
  if (r.groupId) await addToGroup(trx, ctx.organizationId, r.groupId, [existing.id], ctx.actor.userId, now);
  if (pending) await renewInvitation(trx, ctx, pending, existing.email, r.role, r.groupId, expiryDays);
  else await createInvitation(trx, ctx, existing, r, expiryDays);
  await recordAudit(trx, ctx, {
    action: 'invitation.renewed',
    category: 'access',
    risk: 'low',
    subject: { type: 'user', id: existing.id, label: existing.email },
    reason,
    before: { role: previousRole ? { id: previousRole.id, name: previousRole.name } : null },
    after: { role: { id: r.role.id, name: r.role.name }, group: r.groupName },
  });
  return {
    email: existing.email,
    outcome: 'renewed',
    userId: existing.id,
    message: `${existing.email} already had a pending invitation; it was renewed with a new link as ${r.role.name}.`,
    roleName: r.role.name,
  };
}

/** A new address: create the invited account, add it to the group, and send the invitation. */
async function inviteNewUser(trx: DbOrTrx, ctx: Ctx, r: Resolved, reason: string | null, expiryDays: number, now: string): Promise<InviteResult> {
  const { userId } = await createInvitedAccount(trx, ctx, r, reason, expiryDays, now);
  return {
    email: r.email,
    outcome: 'invited',
    userId,
    message: `Invitation sent to ${r.email} as ${r.role.name}${r.groupName ? ` in ${r.groupName}` : ''}.`,
    roleName: r.role.name,
    ...(r.groupName ? { groupName: r.groupName } : {}),
  };
}

/**
 * The invited account, its group, the invitation (mailed) and its audit event: every new invitation
 * goes through here, an administrator's and the operator's (whose context has no actor).
 */
async function createInvitedAccount(
  trx: DbOrTrx,
  ctx: RequestContext,
  r: Resolved,
  reason: string | null,
  expiryDays: number,
  now: string,
): Promise<{ userId: string; acceptUrl: string; expiresAt: string }> {
  const userId = ctx.deps.newId();
  const name = r.name ?? nameFromEmail(r.email);
  await createUserAccount(trx, {
    id: userId,
    organization_id: ctx.organizationId,
    email: r.email,
    email_normalized: r.normalized,
    name,
    role_id: r.role.id,
    status: 'invited',
    invited_by: ctx.actor?.userId ?? null,
    invited_at: now,
    activated_at: null,
    last_sign_in_at: null,
    last_active_at: null,
    deactivated_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  if (r.groupId) await addToGroup(trx, ctx.organizationId, r.groupId, [userId], ctx.actor?.userId ?? null, now);
  const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const link = await createInvitation(trx, ctx, user, r, expiryDays);
  await recordAudit(trx, ctx, {
    action: 'invitation.sent',
    category: 'access',
    risk: 'low',
    subject: { type: 'user', id: userId, label: r.email },
    reason,
    before: null,
    after: { email: r.email, role: r.role.name, group: r.groupName },
  });
  return { userId, ...link };
}

/**
 * The first administrator of an organization the operator has just created (its system roles
 * seeded, nobody in it): invited with the Admin role like anyone else, the link mailed through the
 * outbox and returned once for the operator to pass on.
 */
export async function inviteFirstAdministrator(
  trx: DbOrTrx,
  ctx: RequestContext,
  input: { email: string; name?: string; roleId: string },
): Promise<{ userId: string; email: string; acceptUrl: string; expiresAt: string }> {
  const email = input.email.trim();
  if (!isValidEmail(email)) reject('INVALID_EMAIL', `"${email}" is not a valid email address.`, { email });
  const role = await findRole(trx, ctx.organizationId, input.roleId);
  if (!role) reject('ROLE_NOT_FOUND');
  const org = await requireOrganization(trx, ctx.organizationId);
  const resolved: Resolved = { email, normalized: normalizeEmail(email), role, groupId: null, groupName: null, name: input.name?.trim() || null };
  const invited = await createInvitedAccount(trx, ctx, resolved, null, org.invitation_expiry_days, nowIso(ctx.deps));
  return { ...invited, email };
}

/**
 * Asks for the passkey check before anything is written when some entry names an address that has
 * an account with another role (inviting it changes that person's role).
 */
export async function askStepUpIfRolesChange(ctx: Ctx, body: { entries: Pick<InviteEntry, 'email' | 'roleId'>[]; roleId?: string }): Promise<void> {
  if (await changesAnExistingRole(ctx, body)) requireConditionalStepUpFirst(ctx, EXISTING_USER_ROLE_CHANGE);
}

/** Whether some entry names an address that has an account (not a pending invitation) with another role. */
async function changesAnExistingRole(ctx: Ctx, body: { entries: Pick<InviteEntry, 'email' | 'roleId'>[]; roleId?: string }): Promise<boolean> {
  const emails = [...new Set(body.entries.map((e) => normalizeEmail(e.email)).filter(Boolean))];
  if (emails.length === 0) return false;
  const defaultRole = await findDefaultRole(ctx.deps.db, ctx.organizationId);
  const wanted = new Map(body.entries.map((e) => [normalizeEmail(e.email), e.roleId ?? body.roleId ?? defaultRole?.id]));
  for (let i = 0; i < emails.length; i += 500) {
    const existing = await ctx.deps.db
      .selectFrom('users')
      .select(['email_normalized', 'role_id'])
      .where('organization_id', '=', ctx.organizationId)
      .where('email_normalized', 'in', emails.slice(i, i + 500))
      .where('status', 'in', ['active', 'deactivated'])
      .execute();
    if (existing.some((u) => wanted.get(u.email_normalized) !== u.role_id)) return true;
  }
  return false;
}

/**
 * One address invited (or renewed, or its account updated) in `trx`, which holds the organization's
 * access-change lock: a refusal is an AppError thrown before anything is written.
 */
export async function inviteEntry(
  trx: DbOrTrx,
  ctx: Ctx,
  entry: InviteEntry,
  defaults: InviteDefaults,
  reason: string | null,
  settings: InviteSettings,
): Promise<InviteResult> {
  const resolved = await resolveEntry(trx, ctx, entry, defaults, settings.allowedDomains);
  assertNoEscalation(ctx.actor, JSON.parse(resolved.role.permissions) as string[], resolved.role.name);
  return inviteOne(trx, ctx, resolved, reason, settings.expiryDays);
}

/**
 * Invites each address, or updates the existing account with that address. Every entry runs in its
 * own transaction: a rejected row leaves nothing behind and does not stop the others.
 */
export async function inviteUsers(ctx: Ctx, body: InviteBody): Promise<InviteResult[]> {
  const reason = await requireReasonIfConfigured(ctx.deps.db, ctx.organizationId, body.reason);
  const settings = await inviteSettingsOf(ctx.deps.db, ctx.organizationId);
  await askStepUpIfRolesChange(ctx, body);
  const seen = new Set<string>();
  const results: InviteResult[] = [];
  for (const entry of body.entries) {
    const normalized = normalizeEmail(entry.email);
    if (seen.has(normalized) && normalized) {
      results.push({
        email: entry.email.trim(),
        outcome: 'rejected',
        code: 'DUPLICATE_IN_REQUEST',
        message: `${entry.email.trim()}: ${INVITATIONS_ERRORS.DUPLICATE_IN_REQUEST.message}`,
        details: { email: entry.email.trim() },
      });
      continue;
    }
    seen.add(normalized);
    try {
      results.push(
        await ctx.deps.db.transaction().execute(async (trx) => {
          await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
          return inviteEntry(trx, ctx, entry, body, reason, settings);
        }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code !== 'STEP_UP_REQUIRED') {
        results.push({
          email: entry.email.trim(),
          outcome: 'rejected',
          code: error.code,
          message: error.message,
          ...(error.details !== undefined ? { details: error.details } : {}),
        });
      } else {
        throw error;
      }
    }
  }
  return results;
}
