import type { DbOrTrx } from '../../db/database.js';
import type { InvitationPatch, NewInvitationRow } from './invitations.table.js';

export function findInvitationById(db: DbOrTrx, organizationId: string, id: string) {
  return db.selectFrom('invitations').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export function findPendingInvitationByEmail(db: DbOrTrx, organizationId: string, emailNormalized: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('email_normalized', '=', emailNormalized)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function findInvitationByTokenHash(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function insertInvitation(db: DbOrTrx, row: NewInvitationRow): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export async function updateInvitation(db: DbOrTrx, organizationId: string, id: string, patch: InvitationPatch): Promise<void> {
  await db.updateTable('invitations').set(patch).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export interface InvitationListFilter {
  status?: 'pending' | 'accepted' | 'expired' | 'revoked';
  now: string;
  limit: number;
  afterId?: string;
}

/** Newest first. 'expired' and 'pending' are told apart by expires_at, as stored status is 'pending' for both. */
export function listInvitationRows(db: DbOrTrx, organizationId: string, filter: InvitationListFilter) {
  let q = db
    .selectFrom('invitations')
    .leftJoin('roles', 'roles.id', 'invitations.role_id')
    .leftJoin('groups', 'groups.id', 'invitations.group_id')
    .leftJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .selectAll('invitations')
    .select(['roles.name as role_name', 'groups.name as group_name', 'inviter.name as inviter_name'])
    .where('invitations.organization_id', '=', organizationId);
  if (filter.status === 'pending') q = q.where('invitations.status', '=', 'pending').where('invitations.expires_at', '>', filter.now);
  else if (filter.status === 'expired') q = q.where('invitations.status', '=', 'pending').where('invitations.expires_at', '<=', filter.now);
  else if (filter.status) q = q.where('invitations.status', '=', filter.status);
  if (filter.afterId) q = q.where('invitations.id', '<', filter.afterId);
  return q
    .orderBy('invitations.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
