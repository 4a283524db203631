// "Disable magic links when SSO is enabled" and its break-glass administrators. Offered only once a
// connection has passed "Test connection" and an administrator has signed in through it, so a
// broken identity provider cannot lock the organization out; the break-glass administrators (each
// with a passkey) can still sign in by email, and then must prove their passkey.
import type { Static } from 'typebox';
import type { BreakGlassStanding, SsoSettings, SsoSettingsBody } from '../../../contracts/sso.js';
import type { DbOrTrx } from '../../db/database.js';
import type { UserRow } from '../users/index.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { passkeySummaryForUser } from '../passkeys/index.js';
import { isAdministrator } from './sso.accounts.js';
import { listConnections, toContract } from './sso.connections.js';
import { domainToContract, listDomains } from './sso.domains.js';
import { SSO_ERRORS } from './sso.errors.js';
import { ssoSettingsOf } from './sso.policy.js';

type AdminCtx = RequestContext & { actor: Actor };

async function ready(db: DbOrTrx, organizationId: string): Promise<boolean> {
  return (await listConnections(db, organizationId)).some((c) => c.enabled === 1 && c.last_test_ok === 1 && c.admin_signed_in_at !== null);
}

type Standing = Static<typeof BreakGlassStanding>;

/** Whether a named person can use break-glass sign-in now, and if not, why (checked in this order). */
async function standingOf(db: DbOrTrx, user: UserRow, now: string): Promise<Standing> {
  if (user.status !== 'active') return 'not_active';
  if (!(await isAdministrator(db, user))) return 'not_administrator';
  const passkeys = (await passkeySummaryForUser(db, user.organization_id, user.id, now)).count;
  return passkeys > 0 ? 'usable' : 'no_passkey';
}

/**
 * Everyone named, each with their standing: someone demoted, deactivated or without a passkey since
 * stays listed, marked, so the administrator sees the safety net shrank and can name someone else.
 */
async function settingsContract(db: DbOrTrx, organizationId: string, now: string): Promise<Static<typeof SsoSettings>> {
  const settings = await ssoSettingsOf(db, organizationId);
  const users = settings.breakGlassUserIds.length
    ? await db.selectFrom('users').selectAll().where('organization_id', '=', organizationId).where('id', 'in', settings.breakGlassUserIds).execute()
    : [];
  users.sort((a, b) => settings.breakGlassUserIds.indexOf(a.id) - settings.breakGlassUserIds.indexOf(b.id));
  const breakGlassUsers = [];
  for (const user of users) breakGlassUsers.push({ id: user.id, name: user.name, email: user.email, standing: await standingOf(db, user, now) });
  return { disableMagicLinks: settings.disableMagicLinks, canDisableMagicLinks: await ready(db, organizationId), breakGlassUsers };
}

export async function getOverview(ctx: RequestContext) {
  const db = ctx.deps.db;
  return {
    connections: (await listConnections(db, ctx.organizationId)).map((row) => toContract(ctx.deps, row)),
    domains: (await listDomains(db, ctx.organizationId)).map(domainToContract),
    settings: await settingsContract(db, ctx.organizationId, nowIso(ctx.deps)),
  };
}

/** Whoever is newly named must be able to use it; those already named may stay while they cannot (marked in the list). */
async function assertBreakGlassUsers(ctx: AdminCtx, db: DbOrTrx, ids: readonly string[], alreadyNamed: readonly string[]): Promise<void> {
  for (const id of ids.filter((i) => !alreadyNamed.includes(i))) {
    const user = await db.selectFrom('users').selectAll().where('organization_id', '=', ctx.organizationId).where('id', '=', id).executeTakeFirst();
    if (!user || (await standingOf(db, user, nowIso(ctx.deps))) !== 'usable') {
      throw fail(SSO_ERRORS, 'BREAK_GLASS_INVALID', { userId: id, email: user?.email ?? null });
    }
  }
}

export async function setSsoSettings(ctx: AdminCtx, body: Static<typeof SsoSettingsBody>) {
  const ids = [...new Set(body.breakGlassUserIds)];
  await ctx.deps.db.transaction().execute(async (trx) => {
    const before = await ssoSettingsOf(trx, ctx.organizationId);
    if (body.disableMagicLinks && !before.disableMagicLinks && !(await ready(trx, ctx.organizationId))) throw fail(SSO_ERRORS, 'SSO_NOT_READY');
    await assertBreakGlassUsers(ctx, trx, ids, before.breakGlassUserIds);
    const values = { disable_magic_links: body.disableMagicLinks ? 1 : 0, break_glass_user_ids: JSON.stringify(ids), updated_at: nowIso(ctx.deps) };
    const exists = await trx.selectFrom('sso_settings').select('organization_id').where('organization_id', '=', ctx.organizationId).executeTakeFirst();
    if (exists) await trx.updateTable('sso_settings').set(values).where('organization_id', '=', ctx.organizationId).execute();
    else
      await trx
        .insertInto('sso_settings')
        .values({ organization_id: ctx.organizationId, ...values })
        .execute();
    await recordAudit(trx, ctx, {
      action: 'sso.settings.updated',
      category: 'policy',
      risk: 'high',
      subject: { type: 'organization', id: ctx.organizationId, label: 'Disable magic links when SSO is enabled' },
      reason: body.reason ?? null,
      before: { disableMagicLinks: before.disableMagicLinks, breakGlassUserIds: before.breakGlassUserIds },
      after: { disableMagicLinks: body.disableMagicLinks, breakGlassUserIds: ids },
    });
  });
  return settingsContract(ctx.deps.db, ctx.organizationId, nowIso(ctx.deps));
}
