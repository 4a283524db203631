// An invitation's link: a new single-use token with its expiry, and the mail that carries it.
import type { DbOrTrx } from '../../db/database.js';
import type { Deps, RequestContext } from '../../platform/deps.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { requireOrganization } from '../organizations/index.js';
import type { RoleRow } from '../roles/index.js';
import type { UserRow } from '../users/index.js';
import { insertInvitation, updateInvitation } from './invitations.repository.js';
import type { InvitationRow } from './invitations.table.js';

/** An administrator's request, or the operator's (no actor: the first administrator of a new organization). */
type Ctx = RequestContext;

function acceptUrl(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}/invitations/accept?token=${token}`;
}

async function sendInvitationMail(trx: DbOrTrx, ctx: Ctx, to: string, role: RoleRow, token: string, expiresAt: string): Promise<void> {
  const org = await requireOrganization(trx, ctx.organizationId);
  const url = acceptUrl(ctx.deps, token);
  const inviter = ctx.actor ? `${ctx.actor.name} (${ctx.actor.email})` : 'Sofie';
  await enqueueMail(trx, ctx.deps, {
    organizationId: ctx.organizationId,
    to,
    subject: ctx.actor ? `${ctx.actor.name} invited you to ${org.name} on Sofie` : `You are invited to ${org.name} on Sofie`,
    text: [
      `Hello,`,
      ``,
      `${inviter} invited you to join ${org.name} on Sofie as ${role.name}.`,
      ``,
      `Accept the invitation:`,
      url,
      ``,
      `The link works once and expires on ${expiresAt.slice(0, 10)}.`,
      `Next time, sign in at ${ctx.deps.config.publicUrl}/sign-in with this email address: Sofie emails you a one-time sign-in link.`,
    ].join('\n'),
  });
}

export interface Resolved {
  email: string;
  normalized: string;
  role: RoleRow;
  groupId: string | null;
  groupName: string | null;
  name: string | null;
}

/** Stores a pending invitation and mails its link; returns the link (shown to the operator once) and its expiry. */
export async function createInvitation(
  trx: DbOrTrx,
  ctx: Ctx,
  user: UserRow,
  r: Resolved,
  expiryDays: number,
): Promise<{ acceptUrl: string; expiresAt: string }> {
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
    invited_by: ctx.actor?.userId ?? null,
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
  return { acceptUrl: acceptUrl(ctx.deps, token), expiresAt };
}

/** New token (the old link stops working), expiry restarted, mail sent again. */
export async function renewInvitation(
  trx: DbOrTrx,
  ctx: Ctx,
  invitation: InvitationRow,
  to: string,
  role: RoleRow,
  groupId: string | null,
  expiryDays: number,
): Promise<string> {
  const token = newToken();
  const now = ctx.deps.clock();
  const expiresAt = new Date(now.getTime() + expiryDays * 86_400_000).toISOString();
  await updateInvitation(trx, ctx.organizationId, invitation.id, {
    token_hash: hashToken(token),
    role_id: role.id,
    group_id: groupId,
    invited_by: ctx.actor?.userId ?? null,
    expires_at: expiresAt,
    sent_count: invitation.sent_count + 1,
    updated_at: now.toISOString(),
  });
  await sendInvitationMail(trx, ctx, to, role, token, expiresAt);
  return expiresAt;
}
