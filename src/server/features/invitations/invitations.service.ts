import type { Invitation, InviteBody, InviteResult } from '../../../contracts/invitations.js';
import { DEFAULT_ROLE_KEY } from '../../../contracts/permissions.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { emailDomain, isValidEmail, nameFromEmail, normalizeEmail } from '../../platform/email.js';
import { requireConditional, requireConditionalStepUpFirst } from '../../platform/access.js';
import { AppError, fail } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { createSession, type NewSession } from '../auth/auth.service.js';
import { addMemberships, findGroupById, findGroupByName } from '../groups/groups.repository.js';
import { changeGroupMemberships } from '../groups/groups.memberships.js';
import { requireOrganization } from '../organizations/organizations.service.js';
import { assertMayActOn, assertNoEscalation, lockOrganizationForAccessChange } from '../roles/roles.guardrails.js';
import { findRoleById, findRoleBySystemKey } from '../roles/roles.repository.js';
import type { RoleRow } from '../roles/roles.table.js';
import { findUserByEmail, insertUser, searchText, updateUserRow } from '../users/users.repository.js';
import type { UserRow } from '../users/users.table.js';
import { assignRole } from '../users/users.service.js';
import { INVITATIONS_ERRORS } from './invitations.errors.js';
import {
  findInvitationById,
  findInvitationByTokenHash,
  findPendingInvitationByEmail,
  insertInvitation,
  listInvitationRows,
  updateInvitation,
} from './invitations.repository.js';
import type { InvitationRow } from './invitations.table.js';

type Ctx = RequestContext & { actor: Actor };

/** Declared on POST /api/invitations: inviting an address that has an account may change that person's role. */
export const EXISTING_USER_ROLE_CHANGE = 'existing_user_role_change';

/** A per-address refusal: the entry is reported as rejected with this code, the others go on. */
function reject(code: keyof typeof INVITATIONS_ERRORS, message?: string): never {
  throw fail(INVITATIONS_ERRORS, code, undefined, message);
}

function acceptUrl(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}/invitations/accept?token=${token}`;
}

async function sendInvitationMail(trx: DbOrTrx, ctx: Ctx, to: string, role: RoleRow, token: string, expiresAt: string): Promise<void> {
  const org = await requireOrganization(trx, ctx.organizationId);
  const url = acceptUrl(ctx.deps, token);
  await enqueueMail(trx, ctx.deps, {
    organizationId: ctx.organizationId,
    to,
    subject: `${ctx.actor.name} invited you to ${org.name} on Sofie`,
    text: [
      `Hello,`,
      ``,
      `${ctx.actor.name} (${ctx.actor.email}) invited you to join ${org.name} on Sofie as ${role.name}.`,
      ``,
      `Accept the invitation:`,
      url,
      ``,
      `The link works once and expires on ${expiresAt.slice(0, 10)}.`,
      `Next time, sign in at ${ctx.deps.config.publicUrl}/sign-in with this email address: Sofie emails you a one-time sign-in link.`,
    ].join('\n'),
  });
}

interface Resolved {
  email: string;
  normalized: string;
  role: RoleRow;
  groupId: string | null;
  groupName: string | null;
  name: string | null;
}

async function resolveEntry(
  trx: DbOrTrx,
  ctx: Ctx,
  entry: InviteBody['entries'][number],
  body: InviteBody,
  allowedDomains: string[],
): Promise<Resolved> {
  const email = entry.email.trim();
  if (!isValidEmail(email)) reject('INVALID_EMAIL', `"${email}" is not a valid email address.`);
  const normalized = normalizeEmail(email);
  if (allowedDomains.length > 0 && !allowedDomains.includes(emailDomain(normalized))) {
    reject('DOMAIN_NOT_ALLOWED', `${emailDomain(normalized)} is not one of your organization's allowed email domains (${allowedDomains.join(', ')}).`);
  }
  const roleId = entry.roleId ?? body.roleId;
  const role = roleId ? await findRoleById(trx, ctx.organizationId, roleId) : await findRoleBySystemKey(trx, ctx.organizationId, DEFAULT_ROLE_KEY);
  if (!role) reject('ROLE_NOT_FOUND');
  const groupRef = entry.group?.trim() || body.groupId;
  let group: { id: string; name: string } | undefined;
  if (groupRef) {
    group = (await findGroupById(trx, ctx.organizationId, groupRef)) ?? (await findGroupByName(trx, ctx.organizationId, groupRef.toLowerCase()));
    if (!group) reject('GROUP_NOT_FOUND', `There is no group "${groupRef}" in your organization.`);
  }
  return { email, normalized, role: role!, groupId: group?.id ?? null, groupName: group?.name ?? null, name: entry.name?.trim() || null };
}

async function createInvitation(trx: DbOrTrx, ctx: Ctx, user: UserRow, r: Resolved, expiryDays: number): Promise<void> {
  const token = newToken();
  const now = ctx.deps.clock();
  const expiresAt = new Date(now.getTime() + expiryDays * 86_400_000).toISOString();
  await insertInvitation(trx, {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    user_id: user.id,
    email_normalized: r.normalized,
    role_id: r.role.id,
    group_id: r.groupId,
    invited_by: ctx.actor.userId,
    token_hash: hashToken(token),
    status: 'pending',
    expires_at: expiresAt,
    sent_count: 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    accepted_at: null,
    revoked_at: null,
  });
  await sendInvitationMail(trx, ctx, user.email, r.role, token, expiresAt);
}

/** New token (the old link stops working), expiry restarted, mail sent again. */
async function renewInvitation(trx: DbOrTrx, ctx: Ctx, invitation: InvitationRow, to: string, role: RoleRow, groupId: string | null, expiryDays: number): Promise<string> {
  const token = newToken();
  const now = ctx.deps.clock();
  const expiresAt = new Date(now.getTime() + expiryDays * 86_400_000).toISOString();
  await updateInvitation(trx, ctx.organizationId, invitation.id, {
    token_hash: hashToken(token),
    role_id: role.id,
    group_id: groupId,
    invited_by: ctx.actor.userId,
    expires_at: expiresAt,
    sent_count: invitation.sent_count + 1,
    updated_at: now.toISOString(),
  });
  await sendInvitationMail(trx, ctx, to, role, token, expiresAt);
  return expiresAt;
}

async function inviteOne(trx: DbOrTrx, ctx: Ctx, r: Resolved, reason: string | null, expiryDays: number): Promise<InviteResult> {
  const now = nowIso(ctx.deps);
  const existing = await findUserByEmail(trx, ctx.organizationId, r.normalized);

  if (existing && existing.status !== 'invited') {
    const changes: string[] = [];
    if (existing.role_id !== r.role.id) {
      // Inviting someone who already has an account changes their role: as sensitive as doing it on their page.
      try {
        requireConditional(ctx, EXISTING_USER_ROLE_CHANGE);
      } catch (error) {
        if (error instanceof AppError && error.code === 'FORBIDDEN') reject('ROLE_CHANGE_NOT_ALLOWED');
        throw error;
      }
      const from = await findRoleById(trx, ctx.organizationId, existing.role_id);
      await assignRole(trx, ctx, existing, r.role.id, reason);
      changes.push(`role ${from?.name ?? '?'} → ${r.role.name}`);
    }
    if (r.groupId) {
      const added = await changeGroupMemberships(trx, ctx, { id: r.groupId, name: r.groupName! }, [existing], 'add', reason);
      if (added.length > 0) changes.push(`added to ${r.groupName}`);
    }
    if (changes.length === 0) {
      return { email: existing.email, outcome: 'unchanged', userId: existing.id, message: `${existing.email} already has an account with this role${r.groupName ? ' and group' : ''}; nothing changed.`, changes };
    }
    // Each change above gave the user a new version already (a role change, a membership).
    return { email: existing.email, outcome: 'updated', userId: existing.id, message: `${existing.email} already has an account, so it was updated instead: ${changes.join('; ')}.`, changes };
  }

  if (existing) {
    // Invited before: renew the pending (or expired) invitation instead of creating a second one.
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, existing);
    const previousRole = await findRoleById(trx, ctx.organizationId, existing.role_id);
    const pending = await findPendingInvitationByEmail(trx, ctx.organizationId, r.normalized);
    await updateUserRow(trx, ctx.organizationId, existing.id, { role_id: r.role.id, name: r.name ?? existing.name, search_text: searchText(r.name ?? existing.name, r.normalized), version: existing.version + 1, updated_at: now });
    if (r.groupId) await addMemberships(trx, ctx.organizationId, r.groupId, [existing.id], ctx.actor.userId, now);
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
    return { email: existing.email, outcome: 'renewed', userId: existing.id, message: `${existing.email} already had a pending invitation; it was renewed with a new link as ${r.role.name}.` };
  }

  const userId = ctx.deps.newId();
  const name = r.name ?? nameFromEmail(r.email);
  await insertUser(trx, {
    id: userId,
    organization_id: ctx.organizationId,
    email: r.email,
    email_normalized: r.normalized,
    name,
    search_text: searchText(name, r.normalized),
    role_id: r.role.id,
    status: 'invited',
    invited_by: ctx.actor.userId,
    invited_at: now,
    activated_at: null,
    last_sign_in_at: null,
    last_active_at: null,
    deactivated_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  if (r.groupId) await addMemberships(trx, ctx.organizationId, r.groupId, [userId], ctx.actor.userId, now);
  const user = (await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()) as UserRow;
  await createInvitation(trx, ctx, user, r, expiryDays);
  await recordAudit(trx, ctx, {
    action: 'invitation.sent',
    category: 'access',
    risk: 'low',
    subject: { type: 'user', id: userId, label: r.email },
    reason,
    before: null,
    after: { email: r.email, role: r.role.name, group: r.groupName },
  });
  return { email: r.email, outcome: 'invited', userId, message: `Invitation sent to ${r.email} as ${r.role.name}${r.groupName ? ` in ${r.groupName}` : ''}.` };
}

/** Whether some entry names an address that has an account (not a pending invitation) with another role. */
async function changesAnExistingRole(ctx: Ctx, body: InviteBody): Promise<boolean> {
  const emails = [...new Set(body.entries.map((e) => normalizeEmail(e.email)).filter(Boolean))];
  if (emails.length === 0) return false;
  const defaultRole = await findRoleBySystemKey(ctx.deps.db, ctx.organizationId, DEFAULT_ROLE_KEY);
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
 * Invites each address, or updates the existing account with that address. Every entry runs in its
 * own transaction: a rejected row leaves nothing behind and does not stop the others.
 */
export async function inviteUsers(ctx: Ctx, body: InviteBody): Promise<InviteResult[]> {
  const reason = await requireReasonIfConfigured(ctx.deps.db, ctx.organizationId, body.reason);
  const org = await requireOrganization(ctx.deps.db, ctx.organizationId);
  const allowedDomains = JSON.parse(org.allowed_email_domains) as string[];
  if (await changesAnExistingRole(ctx, body)) requireConditionalStepUpFirst(ctx, EXISTING_USER_ROLE_CHANGE);
  const seen = new Set<string>();
  const results: InviteResult[] = [];
  for (const entry of body.entries) {
    const normalized = normalizeEmail(entry.email);
    if (seen.has(normalized) && normalized) {
      results.push({ email: entry.email.trim(), outcome: 'rejected', code: 'DUPLICATE_IN_REQUEST', message: `${entry.email.trim()}: ${INVITATIONS_ERRORS.DUPLICATE_IN_REQUEST.message}` });
      continue;
    }
    seen.add(normalized);
    try {
      results.push(
        await ctx.deps.db.transaction().execute(async (trx) => {
          await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
          const resolved = await resolveEntry(trx, ctx, entry, body, allowedDomains);
          assertNoEscalation(ctx.actor, JSON.parse(resolved.role.permissions) as string[], resolved.role.name);
          return inviteOne(trx, ctx, resolved, reason, org.invitation_expiry_days);
        }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code !== 'STEP_UP_REQUIRED') {
        results.push({ email: entry.email.trim(), outcome: 'rejected', code: error.code, message: error.message });
      } else {
        throw error;
      }
    }
  }
  return results;
}

function statusOf(row: InvitationRow, now: string): Invitation['status'] {
  return row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status;
}

export async function listInvitations(ctx: RequestContext, query: { status?: Invitation['status']; limit?: number; cursor?: string }) {
  const now = nowIso(ctx.deps);
  const limit = query.limit ?? 50;
  const rows = await listInvitationRows(ctx.deps.db, ctx.organizationId, { status: query.status, now, limit, afterId: query.cursor });
  const page = rows.slice(0, limit);
  return {
    items: page.map(
      (row): Invitation => ({
        id: row.id,
        userId: row.user_id ?? '',
        email: row.email_normalized,
        role: { id: row.role_id, name: row.role_name ?? '(deleted role)' },
        group: row.group_id ? { id: row.group_id, name: row.group_name ?? '(deleted group)' } : null,
        invitedBy: row.invited_by ? { id: row.invited_by, name: row.inviter_name ?? 'Deleted user' } : null,
        status: statusOf(row, now),
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        sentCount: row.sent_count,
        acceptedAt: row.accepted_at,
      }),
    ),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

async function requireOpenInvitation(trx: DbOrTrx, ctx: RequestContext, id: string): Promise<InvitationRow> {
  const row = await findInvitationById(trx, ctx.organizationId, id);
  if (!row) throw fail(INVITATIONS_ERRORS, 'INVITATION_NOT_FOUND');
  if (row.status !== 'pending') throw fail(INVITATIONS_ERRORS, 'INVITATION_NOT_PENDING', { status: row.status });
  return row;
}

export async function resendInvitation(ctx: Ctx, id: string, reasonInput?: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const row = await requireOpenInvitation(trx, ctx, id);
    const org = await requireOrganization(trx, ctx.organizationId);
    const role = await findRoleById(trx, ctx.organizationId, row.role_id);
    if (!role) throw fail(INVITATIONS_ERRORS, 'ROLE_NOT_FOUND');
    const user = await trx.selectFrom('users').selectAll().where('id', '=', row.user_id!).executeTakeFirstOrThrow();
    await assertMayActOn(trx, ctx.actor, ctx.organizationId, user);
    const expiresAt = await renewInvitation(trx, ctx, row, user.email, role, row.group_id, org.invitation_expiry_days);
    await recordAudit(trx, ctx, {
      action: 'invitation.resent',
      category: 'access',
      risk: 'low',
      subject: { type: 'user', id: user.id, label: user.email },
      reason,
      before: { expiresAt: row.expires_at, sentCount: row.sent_count },
      after: { expiresAt, sentCount: row.sent_count + 1 },
    });
  });
}

/** Withdraws the offer; the never-used placeholder account goes with it, the record stays. */
export async function revokeInvitation(ctx: Ctx, id: string, reasonInput?: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const reason = await requireReasonIfConfigured(trx, ctx.organizationId, reasonInput);
    const row = await requireOpenInvitation(trx, ctx, id);
    const invitee = row.user_id ? await trx.selectFrom('users').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', row.user_id).executeTakeFirst() : undefined;
    if (invitee) await assertMayActOn(trx, ctx.actor, ctx.organizationId, invitee);
    const now = nowIso(ctx.deps);
    await updateInvitation(trx, ctx.organizationId, row.id, { status: 'revoked', revoked_at: now, updated_at: now });
    if (row.user_id) {
      await trx.deleteFrom('users').where('organization_id', '=', ctx.organizationId).where('id', '=', row.user_id).where('status', '=', 'invited').execute();
    }
    await recordAudit(trx, ctx, {
      action: 'invitation.revoked',
      category: 'access',
      risk: 'low',
      subject: { type: 'user', id: row.user_id ?? row.id, label: row.email_normalized },
      reason,
      before: { status: statusOf(row, now) },
      after: { status: 'revoked' },
    });
  });
}

/** Accepting signs the person in and makes the account active. Single use. */
export async function acceptInvitation(deps: Deps, token: string, client: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findInvitationByTokenHash(trx, hashToken(token));
    if (!row) throw fail(INVITATIONS_ERRORS, 'INVITATION_INVALID');
    if (row.status === 'revoked') throw fail(INVITATIONS_ERRORS, 'INVITATION_REVOKED');
    if (row.status === 'accepted') throw fail(INVITATIONS_ERRORS, 'INVITATION_ACCEPTED');
    if (!row.user_id) throw fail(INVITATIONS_ERRORS, 'INVITATION_INVALID');
    const now = nowIso(deps);
    if (row.expires_at <= now) throw fail(INVITATIONS_ERRORS, 'INVITATION_EXPIRED');
    const claimed = await trx
      .updateTable('invitations')
      .set({ status: 'accepted', accepted_at: now, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw fail(INVITATIONS_ERRORS, 'INVITATION_ACCEPTED');
    const user = await trx.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
    await updateUserRow(trx, row.organization_id, user.id, { status: 'active', activated_at: now, version: user.version + 1, updated_at: now });
    const session = await createSession(trx, deps, user, 'invitation', client);
    await recordAudit(trx, { deps, organizationId: row.organization_id, actor: null, ip: client.ip, userAgent: client.userAgent }, {
      action: 'invitation.accepted',
      category: 'auth',
      risk: 'low',
      subject: { type: 'user', id: user.id, label: user.email },
      before: { status: 'invited' },
      after: { status: 'active' },
    });
    return session;
  });
}
