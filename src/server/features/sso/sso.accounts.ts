// Who an ID token signs in: the organization's account with the address (on one of its verified
// domains), an invited account (its invitation is accepted), or, with just-in-time accounts on, a
// new account with the organization's default role (audited with the connection as actor).
import type { JWTPayload } from 'jose';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { acceptPendingInvitationOf } from '../invitations/index.js';
import { requireOrganization } from '../organizations/index.js';
import { findDefaultRole, findRole, rolePermissions } from '../roles/index.js';
import { createUserAccount, findUserByEmail, type UserRow } from '../users/index.js';
import { connectionLabel, ENTRA_MULTI_TENANT } from './sso.connections.js';
import { OidcFailure } from './sso.oidc.js';
import type { SsoConnectionRow } from './sso.table.js';

export type AccountMatch =
  { kind: 'existing'; user: UserRow } | { kind: 'invitation'; user: UserRow } | { kind: 'jit'; email: string; name: string; roleId: string; roleName: string };

/** The connection acting as a credential, so audit events name it as their actor. */
export function connectionCtx(deps: Deps, row: SsoConnectionRow, client: { ip: string | null; userAgent: string | null }): RequestContext & { actor: Actor } {
  const label = connectionLabel(row);
  const actor: Actor = {
    userId: row.id,
    organizationId: row.organization_id,
    email: '',
    name: label,
    roleId: '',
    roleName: '',
    permissions: new Set(),
    sessionId: '',
    credentialLabel: label,
  };
  return { deps, organizationId: row.organization_id, actor, ip: client.ip, userAgent: client.userAgent };
}

/** Preset rules: Entra's tenant, Google's hosted domain. */
export function checkPreset(row: SsoConnectionRow, claims: JWTPayload): void {
  if (row.preset === 'entra') {
    const tid = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : null;
    const multi = row.tenant_id !== null && ENTRA_MULTI_TENANT.has(row.tenant_id);
    if (!tid || (!multi && tid !== row.tenant_id)) throw new OidcFailure('WRONG_TENANT', `tid is ${String(claims.tid)}, expected ${row.tenant_id}`);
  }
  if (row.preset === 'google') {
    const allowed = JSON.parse(row.hosted_domains) as string[];
    const hd = typeof claims.hd === 'string' ? claims.hd.toLowerCase() : null;
    if (!hd || !allowed.includes(hd)) throw new OidcFailure('WRONG_HOSTED_DOMAIN', `hd is ${hd ?? 'missing'}, allowed: ${allowed.join(', ')}`);
  }
}

/** The address the token asserts: `email`, or Entra's `preferred_username` (its sign-in name). */
export function emailOf(row: SsoConnectionRow, claims: JWTPayload): string {
  if (claims.email_verified === false) throw new OidcFailure('EMAIL_MISSING', 'email_verified is false');
  const raw =
    typeof claims.email === 'string'
      ? claims.email
      : row.preset === 'entra' && typeof claims.preferred_username === 'string'
        ? claims.preferred_username
        : null;
  if (!raw || !isValidEmail(raw)) throw new OidcFailure('EMAIL_MISSING', raw ? `"${raw}" is not an email address` : undefined);
  return normalizeEmail(raw);
}

function nameOf(claims: JWTPayload, email: string): string {
  return typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.split('@')[0];
}

/** What the token maps to, without changing anything (used by "Test connection" and sign-in alike). */
export async function matchAccount(db: DbOrTrx, row: SsoConnectionRow, email: string, claims: JWTPayload): Promise<AccountMatch> {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const verified = await db
    .selectFrom('sso_domains')
    .select('id')
    .where('organization_id', '=', row.organization_id)
    .where('domain', '=', domain)
    .where('verified_at', 'is not', null)
    .executeTakeFirst();
  if (!verified) throw new OidcFailure('EMAIL_NOT_ON_VERIFIED_DOMAIN', `${domain} is not a verified domain of the organization`);
  const user = await findUserByEmail(db, row.organization_id, email);
  if (user?.status === 'active') return { kind: 'existing', user };
  if (user?.status === 'invited') return { kind: 'invitation', user };
  if (user) throw new OidcFailure('ACCOUNT_INACTIVE', `the account is ${user.status}`);
  if (row.jit_enabled !== 1) throw new OidcFailure('NO_ACCOUNT', `no account for ${email}`);
  // The organization's allowed email domains hold for accounts made at sign-in as for invited and provisioned ones.
  const allowed = JSON.parse((await requireOrganization(db, row.organization_id)).allowed_email_domains) as string[];
  if (allowed.length > 0 && !allowed.includes(domain))
    throw new OidcFailure('EMAIL_DOMAIN_NOT_ALLOWED', `${domain} is not one of the allowed email domains (${allowed.join(', ')})`);
  const role = await findDefaultRole(db, row.organization_id);
  if (!role) throw new OidcFailure('NO_ACCOUNT', 'the organization has no default role');
  return { kind: 'jit', email, name: nameOf(claims, email), roleId: role.id, roleName: role.name };
}

/** Makes the match real inside the sign-in's transaction: accepts the invitation or creates the account. */
export async function applyMatch(trx: DbOrTrx, ctx: RequestContext, match: AccountMatch): Promise<UserRow> {
  if (match.kind === 'existing') return match.user;
  if (match.kind === 'invitation') {
    if (!(await acceptPendingInvitationOf(trx, ctx, match.user))) throw new OidcFailure('NO_ACCOUNT', 'the invitation is no longer pending');
    return trx.selectFrom('users').selectAll().where('id', '=', match.user.id).executeTakeFirstOrThrow();
  }
  const id = ctx.deps.newId();
  const now = nowIso(ctx.deps);
  await createUserAccount(trx, {
    id,
    organization_id: ctx.organizationId,
    email: match.email,
    email_normalized: match.email,
    name: match.name,
    role_id: match.roleId,
    status: 'active',
    invited_by: null,
    invited_at: null,
    activated_at: now,
    last_sign_in_at: null,
    last_active_at: null,
    deactivated_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, ctx, {
    action: 'sso.user.created',
    category: 'access',
    risk: 'medium',
    subject: { type: 'user', id, label: match.email },
    reason: 'Just-in-time account: first sign-in through single sign-on on a verified domain',
    before: null,
    after: { email: match.email, name: match.name, role: match.roleName },
  });
  return trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Whether this user may edit organization settings (an administrator, for the magic-link readiness rule). */
export async function isAdministrator(db: DbOrTrx, user: UserRow): Promise<boolean> {
  const role = await findRole(db, user.organization_id, user.role_id);
  return role ? rolePermissions(role).includes('organization.manage_settings') : false;
}

/** A sentence for the test view: who the token maps to. */
export function describeMatch(match: AccountMatch): { kind: string; userId: string | null; email: string; text: string } {
  if (match.kind === 'existing')
    return { kind: match.kind, userId: match.user.id, email: match.user.email, text: `Signs in as ${match.user.name} <${match.user.email}>.` };
  if (match.kind === 'invitation')
    return {
      kind: match.kind,
      userId: match.user.id,
      email: match.user.email,
      text: `Accepts the pending invitation of ${match.user.email} and signs them in.`,
    };
  return {
    kind: match.kind,
    userId: null,
    email: match.email,
    text: `Creates ${match.name} <${match.email}> with the role ${match.roleName} (just-in-time account).`,
  };
}
