// SCIM Users changed: PUT (replace), PATCH (RFC 7644 §3.5.2, applied to the current resource and then
// written like a PUT), and DELETE by the console's offboarding rules. Each change is one transaction
// with its audit events; If-Match guards against writing over a newer version.
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso } from '../../platform/deps.js';
import { deactivateInTransaction, deleteUser as offboardingDelete } from '../offboarding/index.js';
import { lockOrganizationForAccessChange } from '../roles/index.js';
import { findUserByEmail, markProvisioned, requireUserForChange } from '../users/index.js';
import { scimFail } from './scim.errors.js';
import { assertIfMatch } from './scim.list.js';
import { applyPatch } from './scim.patch-apply.js';
import { parsePatchBody, type Json } from './scim.patch.js';
import { updateLink } from './scim.repository.js';
import { scimBaseUrl } from './scim.tokens.js';
import { readUser, USER_PATCH_SCHEMA, userResource, userVersion, type UserInput } from './scim.user-resource.js';
import { applyActive, applyProfile, linkColumns, scimReason, type Ctx } from './scim.users-link.js';
import { assertDomainAllowed, assertUnique, getUser, requireScimUser } from './scim.users.js';

export async function replaceUser(ctx: Ctx, id: string, body: unknown, ifMatch: string | undefined): Promise<Json> {
  const input = readUser(body);
  return updateUser(ctx, id, ifMatch, () => input);
}

export async function patchUser(ctx: Ctx, id: string, body: unknown, ifMatch: string | undefined): Promise<Json> {
  const operations = parsePatchBody(body, USER_PATCH_SCHEMA);
  return updateUser(ctx, id, ifMatch, (current) => readUser(applyPatch(current, operations, USER_PATCH_SCHEMA)));
}

async function updateUser(ctx: Ctx, id: string, ifMatch: string | undefined, next: (current: Json) => UserInput): Promise<Json> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const view = await requireScimUser(trx, ctx.organizationId, id);
    assertIfMatch(ifMatch, userVersion(view));
    const input = next(userResource(view, [], scimBaseUrl(ctx.deps)));
    await assertUnique(trx, ctx, input, id);
    let user = await requireUserForChange(trx, ctx.deps.dialect, ctx.organizationId, id);
    if (input.emailNormalized !== user.email_normalized) {
      const holder = await findUserByEmail(trx, ctx.organizationId, input.emailNormalized);
      if (holder && holder.id !== id) throw scimFail('UNIQUENESS', `Another user already has the address ${input.email}.`);
      await assertDomainAllowed(trx, ctx, input.emailNormalized);
    }
    const before = { userName: view.user_name, externalId: view.external_id, name: view.name, email: view.email, active: view.status === 'active' };
    const columns = linkColumns(input);
    const linkChanged = (Object.keys(columns) as (keyof typeof columns)[]).some(
      (k) => columns[k] !== (view as Record<string, unknown>)[k] && k !== 'user_name_normalized',
    );
    user = await applyProfile(trx, ctx, user, input);
    if (linkChanged) await updateLink(trx, ctx.organizationId, id, { ...columns, version: view.version + 1, updated_at: nowIso(ctx.deps) });
    await applyActive(trx, ctx, user, input.active);
    const after = { userName: input.userName, externalId: input.externalId, name: input.name, email: input.email, active: input.active ?? before.active };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0 && !linkChanged) return;
    await recordAudit(trx, ctx, {
      action: 'scim.user.updated',
      category: 'access',
      risk: 'low',
      subject: { type: 'user', id, label: input.email },
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), ...(linkChanged && changed.length === 0 ? { attributes: 'updated' } : {}) },
    });
  });
  return getUser(ctx, id);
}

/**
 * DELETE by the console's offboarding rules. Someone who owns nothing and collaborates on nothing
 * is deleted as the delete wizard would (tombstone, restorable for 30 days). Someone who owns
 * content is not deleted with their work: they are deactivated, no longer visible to the identity
 * provider, and left for an administrator's ownership review in the console. Returns what happened.
 */
export async function deleteUser(ctx: Ctx, id: string, ifMatch: string | undefined): Promise<'deleted' | 'deactivated_for_review'> {
  const view = await requireScimUser(ctx.deps.db, ctx.organizationId, id);
  assertIfMatch(ifMatch, userVersion(view));
  const body = { plan: { ownership: {}, collaborators: {} }, reason: scimReason(ctx), policyAcknowledged: true, confirmEmail: view.email };
  const dryRun = await offboardingDelete(ctx, id, { ...body, dryRun: true });
  if (dryRun.ready) {
    try {
      await offboardingDelete(ctx, id, body);
      await updateLink(ctx.deps.db, ctx.organizationId, id, { deleted_at: nowIso(ctx.deps), updated_at: nowIso(ctx.deps) });
      return 'deleted';
    } catch (error) {
      // Content appeared between the check and the deletion: fall back to deactivation below.
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
    }
  }
  await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    const user = await requireUserForChange(trx, ctx.deps.dialect, ctx.organizationId, id);
    if (user.status === 'active' || user.status === 'invited') await deactivateInTransaction(trx, ctx, id, scimReason(ctx));
    // The identity provider no longer sees them: their status is the console's again (for the ownership review).
    await markProvisioned(trx, user, null);
    const now = nowIso(ctx.deps);
    await updateLink(trx, ctx.organizationId, id, { deleted_at: now, updated_at: now, version: view.version + 1 });
    await recordAudit(trx, ctx, {
      action: 'scim.user.delete_deferred',
      category: 'access',
      risk: 'high',
      subject: { type: 'user', id, label: view.email },
      reason: 'The identity provider deleted this user, who owns content: deactivated and left for an ownership review in the console (Delete user).',
      before: { status: user.status },
      after: { status: 'deactivated', undecidedItems: dryRun.summary.undecided.count, collaboratorSeats: dryRun.summary.seats.undecided },
    });
  });
  return 'deactivated_for_review';
}
