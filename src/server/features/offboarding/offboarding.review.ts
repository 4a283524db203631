// Before deleting a user: what they own, collaborate on and belong to (the wizard's first step).
import type { Static } from 'typebox';
import { OFFBOARDING_POLICY, type OwnershipItemsQuery, type OwnershipReview } from '../../../contracts/offboarding.js';
import type { RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { groupIdsOf } from '../groups/index.js';
import { collaboratorSeatCount, listUserContentItems, ownedCounts } from '../ownership/index.js';
import { requireUser } from '../users/index.js';
import { OFFBOARDING_ERRORS } from './offboarding.errors.js';
import { activeSequencesOf, directWorkspaceMemberships } from './offboarding.repository.js';
import { RESTORE_DAYS } from './offboarding.tombstone.js';

export async function getOwnershipReview(ctx: RequestContext, userId: string): Promise<OwnershipReview> {
  const { db } = ctx.deps;
  const user = await requireUser(db, ctx.organizationId, userId);
  if (user.status === 'deleted') throw fail(OFFBOARDING_ERRORS, 'USER_DELETED');
  const owned = await ownedCounts(db, ctx.organizationId, userId);
  const [seats, sequences, memberships, groups] = await Promise.all([
    collaboratorSeatCount(db, ctx.organizationId, userId),
    activeSequencesOf(db, ctx.organizationId, userId),
    directWorkspaceMemberships(db, ctx.organizationId, userId),
    groupIdsOf(db, ctx.organizationId, userId),
  ]);
  return {
    user: { id: user.id, name: user.name, email: user.email, status: user.status },
    owned,
    ownedTotal: owned.reduce((n, t) => n + t.count, 0),
    collaboratorSeats: seats,
    activeSequences: sequences.length,
    directWorkspaceMemberships: memberships.length,
    groupMemberships: groups.length,
    policy: OFFBOARDING_POLICY,
    restoreDays: RESTORE_DAYS,
  };
}

export async function listOwnershipItems(ctx: RequestContext, userId: string, query: Static<typeof OwnershipItemsQuery>) {
  const { db } = ctx.deps;
  await requireUser(db, ctx.organizationId, userId);
  return listUserContentItems(db, ctx.organizationId, userId, query);
}
