import type { Invitation } from '../../../contracts/invitations.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { readDbOf } from '../../platform/read-routing.js';
import { requireReasonIfConfigured } from '../../platform/reasons.js';
import { hashToken } from '../../platform/tokens.js';
import { createSession, type NewSession } from '../auth/index.js';
import { requireOrganization } from '../organizations/index.js';
import { assertMayActOn, findRole } from '../roles/index.js';
import { activateInvitedUser } from '../users/index.js';
import { INVITATIONS_ERRORS } from './invitations.errors.js';
import { findInvitationById, findInvitationByTokenHash, insertInvitation, listInvitationRows, updateInvitation } from './invitations.repository.js';
import type { InvitationRow, NewInvitationRow } from './invitations.table.js';
import { renewInvitation } from './invitations.links.js';

type Ctx = RequestContext & { actor: Actor };

function statusOf(row: InvitationRow, now: string): Invitation['status'] {
  return row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status;
}

export async function listInvitations(ctx: RequestContext, query: { status?: Invitation['status']; limit?: number; cursor?: string }) {
  const now = nowIso(ctx.deps);
  const limit = query.limit ?? 50;
  const rows = await listInvitationRows(await readDbOf(ctx), ctx.organizationId, { status: query.status, now, limit, afterId: query.cursor });
  const page = rows.slice(0, limit);
  return {
    items: page.map((row): Invitation => ({
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
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
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
    const role = await findRole(trx, ctx.organizationId, row.role_id);
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
    const invitee = row.user_id
      ? await trx.selectFrom('users').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', row.user_id).executeTakeFirst()
      : undefined;
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
    await activateInvitedUser(trx, user, now);
    const session = await createSession(trx, deps, user, 'invitation', client);
    await recordAudit(
      trx,
      { deps, organizationId: row.organization_id, actor: null, ip: client.ip, userAgent: client.userAgent },
      {
        action: 'invitation.accepted',
        category: 'auth',
        risk: 'low',
        subject: { type: 'user', id: user.id, label: user.email },
        before: { status: 'invited' },
        after: { status: 'active' },
      },
    );
    return session;
  });
}

/** Stores an invitation as given, without mail or audit event: demo data. */
export async function addInvitationRecord(trx: DbOrTrx, row: NewInvitationRow): Promise<void> {
  await insertInvitation(trx, row);
}
