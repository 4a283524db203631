import type { Static } from 'typebox';
import type { PageQuery } from '../../../contracts/common.js';
import type { CreateServiceTokenBody } from '../../../contracts/service-tokens.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { afterKeyset, decodeKeysetCursor, keysetPage, limitOf } from '../../platform/keyset.js';
import type { ServiceCaller } from '../../platform/access.js';
import { bearerTokenOf, hashToken, newToken } from '../../platform/tokens.js';
import { SERVICE_TOKENS_ERRORS } from './service-tokens.errors.js';
import type { ServiceTokenRow } from './service-tokens.table.js';

const PREFIX = 'sst_';

function toContract(row: ServiceTokenRow) {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** One page of the organization's service tokens, newest first (created_at, id descending). */
export async function listServiceTokens(ctx: RequestContext, query: PageQuery) {
  const limit = limitOf(query);
  const after = decodeKeysetCursor(query.cursor);
  let q = ctx.deps.db.selectFrom('service_tokens').selectAll().where('organization_id', '=', ctx.organizationId);
  if (after) q = q.where(afterKeyset({ key: 'created_at', id: 'id' }, after, 'desc'));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return keysetPage(rows, limit, (r) => ({ key: r.created_at, id: r.id }), toContract);
}

export async function createServiceToken(ctx: RequestContext & { actor: Actor }, body: Static<typeof CreateServiceTokenBody>) {
  const token = `${PREFIX}${newToken()}`;
  const row: ServiceTokenRow = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    name: body.name.trim(),
    token_hash: hashToken(token),
    created_by: ctx.actor.userId,
    created_at: nowIso(ctx.deps),
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('service_tokens').values(row).execute();
    await recordAudit(trx, ctx, {
      action: 'service_token.created',
      category: 'admin',
      risk: 'high',
      subject: { type: 'service_token', id: row.id, label: row.name },
      before: null,
      after: { name: row.name },
    });
  });
  return { ...toContract(row), token };
}

export async function revokeServiceToken(ctx: RequestContext & { actor: Actor }, id: string) {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('service_tokens').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', id).executeTakeFirst();
    if (!row) throw fail(SERVICE_TOKENS_ERRORS, 'SERVICE_TOKEN_NOT_FOUND');
    if (row.revoked_at) return;
    const now = nowIso(ctx.deps);
    await trx.updateTable('service_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'service_token.revoked',
      category: 'admin',
      risk: 'medium',
      subject: { type: 'service_token', id, label: row.name },
      before: { revokedAt: null },
      after: { revokedAt: now },
    });
  });
}

/** Resolves `Authorization: Bearer sst_…` to the organization it speaks for. */
export function serviceTokenResolver(deps: Deps) {
  return async (authorization: string | undefined): Promise<ServiceCaller | null> => {
    const token = bearerTokenOf(authorization);
    if (!token?.startsWith(PREFIX)) return null;
    // One round trip on every service call: the token and whether its organization may act (a
    // suspended organization's tokens are refused like revoked ones, and work again on resumption).
    const row = await deps.db
      .selectFrom('service_tokens')
      .innerJoin('organizations', 'organizations.id', 'service_tokens.organization_id')
      .selectAll('service_tokens')
      .where('service_tokens.token_hash', '=', hashToken(token))
      .where('service_tokens.revoked_at', 'is', null)
      .where('organizations.status', '=', 'active')
      .executeTakeFirst();
    if (!row) return null;
    const now = deps.clock();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
      await deps.db.updateTable('service_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
    }
    return { tokenId: row.id, organizationId: row.organization_id, name: row.name };
  };
}
