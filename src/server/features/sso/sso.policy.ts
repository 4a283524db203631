// "Disable magic links when SSO is enabled", as the sign-in code asks it: may this account sign in
// with an emailed link? Read by the auth feature; written by sso.settings.ts.
import type { DbOrTrx } from '../../db/database.js';

/** 'allowed': as today. 'refused': SSO only. 'break_glass': a named administrator; the link's session must prove a passkey. */
export type MagicLinkPolicy = 'allowed' | 'refused' | 'break_glass';

export interface SsoSettingsValue {
  disableMagicLinks: boolean;
  breakGlassUserIds: string[];
}

export async function ssoSettingsOf(db: DbOrTrx, organizationId: string): Promise<SsoSettingsValue> {
  const row = await db.selectFrom('sso_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
  return { disableMagicLinks: row?.disable_magic_links === 1, breakGlassUserIds: row ? (JSON.parse(row.break_glass_user_ids) as string[]) : [] };
}

/** Magic links are refused for addresses on the organization's verified domains once it disabled them. */
export async function magicLinkPolicyFor(db: DbOrTrx, user: { id: string; organization_id: string; email_normalized: string }): Promise<MagicLinkPolicy> {
  const settings = await ssoSettingsOf(db, user.organization_id);
  if (!settings.disableMagicLinks) return 'allowed';
  const domain = user.email_normalized.slice(user.email_normalized.lastIndexOf('@') + 1);
  const verified = await db
    .selectFrom('sso_domains')
    .select('id')
    .where('organization_id', '=', user.organization_id)
    .where('domain', '=', domain)
    .where('verified_at', 'is not', null)
    .executeTakeFirst();
  if (!verified) return 'allowed';
  return settings.breakGlassUserIds.includes(user.id) && (await stillAdministrator(db, user)) ? 'break_glass' : 'refused';
}

/** Break-glass is for administrators: someone named while one, since moved to another role, has no such path. */
async function stillAdministrator(db: DbOrTrx, user: { id: string; organization_id: string }): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .select('roles.permissions')
    .where('users.id', '=', user.id)
    .where('users.organization_id', '=', user.organization_id)
    .executeTakeFirst();
  return row ? (JSON.parse(row.permissions) as string[]).includes('organization.manage_settings') : false;
}
