// Verified domains: an organization claims example.com, publishes a TXT record
// "sofie-verification=<token>" at it, and verifies. One verified domain belongs to one organization
// (a unique index); sign-in with an address on a verified domain goes to the domain's connection.
import { Resolver } from 'node:dns/promises';
import type { Static } from 'typebox';
import type { AddSsoDomainBody } from '../../../contracts/sso.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { newToken } from '../../platform/tokens.js';
import { requireConnection } from './sso.connections.js';
import { SSO_ERRORS } from './sso.errors.js';
import type { SsoDomainRow } from './sso.table.js';

type AdminCtx = RequestContext & { actor: Actor };

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const TXT_PREFIX = 'sofie-verification=';

export function domainToContract(row: SsoDomainRow) {
  return { id: row.id, domain: row.domain, txtRecord: `${TXT_PREFIX}${row.verification_token}`, verifiedAt: row.verified_at, connectionId: row.connection_id };
}

export function listDomains(db: DbOrTrx, organizationId: string): Promise<SsoDomainRow[]> {
  return db.selectFrom('sso_domains').selectAll().where('organization_id', '=', organizationId).orderBy('domain').execute();
}

/** The verified claim on an address's domain, whichever organization holds it. */
export function verifiedDomainOf(db: DbOrTrx, emailNormalized: string): Promise<SsoDomainRow | undefined> {
  const domain = emailNormalized.slice(emailNormalized.lastIndexOf('@') + 1);
  return db.selectFrom('sso_domains').selectAll().where('domain', '=', domain).where('verified_at', 'is not', null).executeTakeFirst();
}

async function requireDomain(db: DbOrTrx, organizationId: string, id: string): Promise<SsoDomainRow> {
  const row = await db.selectFrom('sso_domains').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
  if (!row) throw fail(SSO_ERRORS, 'DOMAIN_NOT_FOUND');
  return row;
}

export async function addDomain(ctx: AdminCtx, body: Static<typeof AddSsoDomainBody>) {
  const domain = body.domain.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain)) throw fail(SSO_ERRORS, 'DOMAIN_INVALID');
  return ctx.deps.db.transaction().execute(async (trx) => {
    if (body.connectionId) await requireConnection(trx, ctx.organizationId, body.connectionId);
    const existing = await trx
      .selectFrom('sso_domains')
      .select('id')
      .where('organization_id', '=', ctx.organizationId)
      .where('domain', '=', domain)
      .executeTakeFirst();
    if (existing) throw fail(SSO_ERRORS, 'DOMAIN_ALREADY_CLAIMED');
    const row: SsoDomainRow = {
      id: ctx.deps.newId(),
      organization_id: ctx.organizationId,
      domain,
      verification_token: newToken(),
      verified_at: null,
      connection_id: body.connectionId ?? null,
      created_by: ctx.actor.userId,
      created_at: nowIso(ctx.deps),
    };
    await trx.insertInto('sso_domains').values(row).execute();
    await recordAudit(trx, ctx, {
      action: 'sso.domain.claimed',
      category: 'policy',
      risk: 'medium',
      subject: { type: 'sso_domain', id: row.id, label: domain },
      before: null,
      after: { domain, connectionId: row.connection_id },
    });
    return domainToContract(row);
  });
}

/** The TXT strings published at `domain`, from DNS_SERVERS when configured. */
async function txtRecordsOf(deps: Deps, domain: string): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (deps.config.dnsServers) resolver.setServers(deps.config.dnsServers);
  try {
    return (await resolver.resolveTxt(domain)).map((chunks) => chunks.join(''));
  } catch {
    return []; // NXDOMAIN, no TXT, timeout: all "not found yet"
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export async function verifyDomain(ctx: AdminCtx, id: string) {
  const row = await requireDomain(ctx.deps.db, ctx.organizationId, id);
  if (row.verified_at) return domainToContract(row);
  const expected = `${TXT_PREFIX}${row.verification_token}`;
  const found = await txtRecordsOf(ctx.deps, row.domain);
  if (!found.includes(expected))
    throw fail(SSO_ERRORS, 'DOMAIN_TXT_NOT_FOUND', { domain: row.domain, expected, found: found.filter((t) => t.startsWith(TXT_PREFIX)) });
  const now = nowIso(ctx.deps);
  try {
    await ctx.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('sso_domains').set({ verified_at: now }).where('id', '=', id).where('verified_at', 'is', null).execute();
      await recordAudit(trx, ctx, {
        action: 'sso.domain.verified',
        category: 'policy',
        risk: 'high',
        subject: { type: 'sso_domain', id, label: row.domain },
        before: { verifiedAt: null },
        after: { verifiedAt: now, record: expected },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail(SSO_ERRORS, 'DOMAIN_TAKEN');
    throw error;
  }
  return domainToContract({ ...row, verified_at: now });
}

export async function routeDomain(ctx: AdminCtx, id: string, connectionId: string | null) {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await requireDomain(trx, ctx.organizationId, id);
    if (connectionId) await requireConnection(trx, ctx.organizationId, connectionId);
    await trx.updateTable('sso_domains').set({ connection_id: connectionId }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'sso.domain.routed',
      category: 'policy',
      risk: 'medium',
      subject: { type: 'sso_domain', id, label: row.domain },
      before: { connectionId: row.connection_id },
      after: { connectionId },
    });
    return domainToContract({ ...row, connection_id: connectionId });
  });
}

export async function removeDomain(ctx: AdminCtx, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await requireDomain(trx, ctx.organizationId, id);
    await trx.deleteFrom('sso_domains').where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'sso.domain.removed',
      category: 'policy',
      risk: 'high',
      subject: { type: 'sso_domain', id, label: row.domain },
      before: { domain: row.domain, verifiedAt: row.verified_at },
      after: null,
    });
  });
}
