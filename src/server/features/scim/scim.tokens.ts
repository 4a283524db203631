// SCIM bearer tokens: one organization each, shown once, hashed at rest, last use kept, revocable.
// A token acts within the grant ceiling of the administrator who created it (their current role),
// so provisioning can never do more than that person could in the console.
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateScimTokenBody } from '../../../contracts/scim.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { afterKeyset, decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import { bearerTokenOf, hashToken, newToken } from '../../platform/tokens.js';
import { requireRole, rolePermissions } from '../roles/index.js';
import { requireUser } from '../users/index.js';
import { SCIM_ERRORS, scimFail } from './scim.errors.js';
import type { ScimTokenRow } from './scim.table.js';

const PREFIX = 'scim_';
/** Last use is written at most this often per token: not a write on every request. */
const LAST_USE_RESOLUTION_MS = 60_000;

export function scimBaseUrl(deps: Deps): string {
  return `${deps.config.publicUrl.replace(/\/$/, '')}/scim/v2`;
}

export function tokenLabel(label: string): string {
  return `SCIM token “${label}”`;
}

async function creatorNames(ctx: RequestContext, rows: ScimTokenRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.created_by))) {
    const user = await requireUser(ctx.deps.db, ctx.organizationId, id).catch(() => null);
    names.set(id, user?.name ?? 'a former administrator');
  }
  return names;
}

function toContract(row: ScimTokenRow, creator: string) {
  return {
    id: row.id,
    label: row.label,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: creator },
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function isScimEnabled(deps: Deps, organizationId: string): Promise<boolean> {
  const row = await deps.db.selectFrom('scim_settings').select('enabled').where('organization_id', '=', organizationId).executeTakeFirst();
  return row?.enabled === 1;
}

/** Integrations → Provisioning: the switch, the base URL, every token (never a secret). */
export async function getProvisioning(ctx: RequestContext, query: PageQuery = {}) {
  const limit = limitOf(query);
  const after = decodeKeysetCursor(query.cursor);
  let q = ctx.deps.db.selectFrom('scim_tokens').selectAll().where('organization_id', '=', ctx.organizationId);
  if (after) q = q.where(afterKeyset({ key: 'created_at', id: 'id' }, after, 'desc'));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const names = await creatorNames(ctx, rows);
  return {
    enabled: await isScimEnabled(ctx.deps, ctx.organizationId),
    baseUrl: scimBaseUrl(ctx.deps),
    ...keysetPage(
      rows,
      limit,
      (r) => ({ key: r.created_at, id: r.id }),
      (r) => toContract(r, names.get(r.created_by)!),
    ),
  };
}

export async function setScimEnabled(ctx: RequestContext & { actor: Actor }, enabled: boolean) {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('scim_settings').select('enabled').where('organization_id', '=', ctx.organizationId).executeTakeFirst();
    const now = nowIso(ctx.deps);
    if (before)
      await trx
        .updateTable('scim_settings')
        .set({ enabled: enabled ? 1 : 0, updated_at: now })
        .where('organization_id', '=', ctx.organizationId)
        .execute();
    else
      await trx
        .insertInto('scim_settings')
        .values({ organization_id: ctx.organizationId, enabled: enabled ? 1 : 0, updated_at: now })
        .execute();
    if ((before?.enabled === 1) === enabled) return;
    await recordAudit(trx, ctx, {
      action: enabled ? 'scim.enabled' : 'scim.disabled',
      category: 'admin',
      risk: 'high',
      subject: { type: 'organization', id: ctx.organizationId, label: 'SCIM provisioning' },
      before: { enabled: !enabled },
      after: { enabled },
    });
  });
  return getProvisioning(ctx);
}

export async function createScimToken(ctx: RequestContext & { actor: Actor }, body: Static<typeof CreateScimTokenBody>) {
  const token = `${PREFIX}${newToken()}`;
  const row: ScimTokenRow = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    label: body.label.trim() || 'SCIM',
    token_hash: hashToken(token),
    created_by: ctx.actor.userId,
    created_at: nowIso(ctx.deps),
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('scim_tokens').values(row).execute();
    await recordAudit(trx, ctx, {
      action: 'scim_token.created',
      category: 'admin',
      risk: 'high',
      subject: { type: 'scim_token', id: row.id, label: row.label },
      before: null,
      after: { label: row.label },
    });
  });
  return { ...toContract(row, ctx.actor.name), token };
}

export async function revokeScimToken(ctx: RequestContext & { actor: Actor }, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('scim_tokens').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', id).executeTakeFirst();
    if (!row) throw fail(SCIM_ERRORS, 'SCIM_TOKEN_NOT_FOUND');
    if (row.revoked_at) return;
    const now = nowIso(ctx.deps);
    await trx.updateTable('scim_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'scim_token.revoked',
      category: 'admin',
      risk: 'medium',
      subject: { type: 'scim_token', id, label: row.label },
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
  });
}

/**
 * `Authorization: Bearer scim_…` → the actor the token acts as, or null (401). A token of an
 * organization whose SCIM is switched off is refused with 403 saying so; so is one whose creator is
 * no longer an active user of the organization (create a new token).
 */
export function scimTokenResolver(deps: Deps) {
  return async (authorization: string | undefined, request: FastifyRequest): Promise<Actor | null> => {
    const token = bearerTokenOf(authorization);
    if (!token?.startsWith(PREFIX)) return null;
    const row = await deps.db
      .selectFrom('scim_tokens')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    if (!(await isScimEnabled(deps, row.organization_id))) throw scimFail('SCIM_DISABLED');
    const creator = await requireUser(deps.db, row.organization_id, row.created_by).catch(() => null);
    if (creator?.status !== 'active') {
      throw scimFail('SCIM_DISABLED', 'The administrator who created this SCIM token is no longer active: create a new token in Integrations → Provisioning.');
    }
    const role = await requireRole(deps.db, row.organization_id, creator.role_id);
    const now = deps.clock();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USE_RESOLUTION_MS) {
      await deps.db.updateTable('scim_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
    }
    request.log.debug({ scimTokenId: row.id }, 'SCIM token');
    return {
      userId: row.id,
      organizationId: row.organization_id,
      email: 'scim',
      name: tokenLabel(row.label),
      roleId: role.id,
      roleName: role.name,
      permissions: new Set(rolePermissions(role)),
      sessionId: '',
      credentialLabel: tokenLabel(row.label),
    };
  };
}
