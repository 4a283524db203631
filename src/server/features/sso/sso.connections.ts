// Organization settings → Single sign-on: OIDC connections (several per organization), with the
// presets for Microsoft Entra ID, Okta and Google Workspace. The client secret is sealed at rest and
// never returned.
import type { Static } from 'typebox';
import type { CreateSsoConnectionBody, SsoConnection, UpdateSsoConnectionBody } from '../../../contracts/sso.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { SSO_ERRORS } from './sso.errors.js';
import { assertIssuerAllowed, OidcFailure, type OidcDirectory } from './sso.oidc.js';
import { samlDetails } from './sso.saml.details.js';
import { ensureClientKey, jwksUrl } from './sso.client-auth.js';
import { sealSecret } from './sso.secrets.js';
import type { SsoConnectionRow, SsoPreset } from './sso.table.js';

type AdminCtx = RequestContext & { actor: Actor };

/** Entra's endpoints that accept accounts of any tenant. */
export const ENTRA_MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);
const GOOGLE_ISSUER = 'https://accounts.google.com';

export function redirectUri(deps: Deps): string {
  return `${deps.config.publicUrl}/api/sso/oidc/callback`;
}

export function connectionLabel(row: Pick<SsoConnectionRow, 'name'>): string {
  return `SSO connection “${row.name}”`;
}

export function toContract(deps: Deps, row: SsoConnectionRow): SsoConnection {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    saml: row.kind === 'saml' ? samlDetails(deps, row) : null,
    preset: row.preset,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSet: row.client_secret.length > 0,
    tokenAuthMethod: row.token_auth_method,
    jwksUrl: row.token_auth_method === 'private_key_jwt' ? jwksUrl(deps, row.id) : null,
    groupsClaim: row.groups_claim,
    tenantId: row.tenant_id,
    allowMultiTenant: row.allow_multi_tenant === 1,
    hostedDomains: JSON.parse(row.hosted_domains) as string[],
    jitEnabled: row.jit_enabled === 1,
    enabled: row.enabled === 1,
    redirectUri: redirectUri(deps),
    lastTest: row.last_test_result ? (JSON.parse(row.last_test_result) as SsoConnection['lastTest']) : null,
    adminSignedInAt: row.admin_signed_in_at,
    createdAt: row.created_at,
  };
}

function normalizeDomains(domains: readonly string[] | undefined): string[] {
  return [...new Set((domains ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean))];
}

/** The issuer a preset implies, after its own checks (tenant, hosted domains). */
function resolveIssuer(body: Static<typeof CreateSsoConnectionBody>, hostedDomains: string[]): string {
  const preset: SsoPreset = body.preset;
  if (preset === 'entra') {
    const tenant = body.tenantId?.trim().toLowerCase();
    if (!tenant) throw fail(SSO_ERRORS, 'TENANT_REQUIRED');
    if (ENTRA_MULTI_TENANT.has(tenant) && !body.allowMultiTenant) throw fail(SSO_ERRORS, 'MULTI_TENANT_REFUSED');
    return body.issuer?.trim() || `https://login.microsoftonline.com/${tenant}/v2.0`;
  }
  if (preset === 'google') {
    if (hostedDomains.length === 0) throw fail(SSO_ERRORS, 'HOSTED_DOMAINS_REQUIRED');
    return body.issuer?.trim() || GOOGLE_ISSUER;
  }
  if (!body.issuer?.trim())
    throw fail(SSO_ERRORS, 'ISSUER_NOT_ALLOWED', undefined, 'Enter the issuer URL (for Okta: https://<your-org>.okta.com or its authorization server).');
  return body.issuer.trim();
}

/** Discovery must work before a connection is saved: a typo in the issuer is caught now, not at sign-in. */
async function assertDiscoverable(oidc: OidcDirectory, issuer: string): Promise<void> {
  try {
    await oidc.discover(issuer);
  } catch (error) {
    if (error instanceof OidcFailure)
      throw fail(SSO_ERRORS, 'DISCOVERY_FAILED', { detail: error.detail }, `${SSO_ERRORS.DISCOVERY_FAILED.message} ${error.detail ?? ''}`.trim());
    throw error;
  }
}

export async function createConnection(ctx: AdminCtx, oidc: OidcDirectory, body: Static<typeof CreateSsoConnectionBody>): Promise<SsoConnection> {
  const hostedDomains = normalizeDomains(body.hostedDomains);
  const tokenAuthMethod = body.tokenAuthMethod ?? 'client_secret_basic';
  if (tokenAuthMethod === 'client_secret_basic' && !body.clientSecret) throw fail(SSO_ERRORS, 'CLIENT_SECRET_REQUIRED');
  const issuer = resolveIssuer(body, hostedDomains).replace(/\/$/, '');
  assertIssuerAllowed(ctx.deps, issuer);
  await assertDiscoverable(oidc, issuer);
  const now = nowIso(ctx.deps);
  const row: SsoConnectionRow = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    name: body.name.trim(),
    kind: 'oidc',
    saml: null,
    preset: body.preset,
    issuer,
    client_id: body.clientId.trim(),
    client_secret: body.clientSecret ? sealSecret(body.clientSecret, ctx.deps.config.ssoSecretKey) : '',
    tenant_id: body.preset === 'entra' ? (body.tenantId?.trim().toLowerCase() ?? null) : null,
    allow_multi_tenant: body.allowMultiTenant ? 1 : 0,
    hosted_domains: JSON.stringify(hostedDomains),
    jit_enabled: body.jitEnabled ? 1 : 0,
    enabled: 1,
    last_tested_at: null,
    last_test_ok: 0,
    last_test_result: null,
    admin_signed_in_at: null,
    token_auth_method: tokenAuthMethod,
    groups_claim: body.groupsClaim ?? 'groups',
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('sso_connections').values(row).execute();
    if (tokenAuthMethod === 'private_key_jwt') await ensureClientKey(trx, ctx.deps, row);
    await recordAudit(trx, ctx, {
      action: 'sso.connection.created',
      category: 'policy',
      risk: 'high',
      subject: { type: 'sso_connection', id: row.id, label: row.name },
      before: null,
      after: {
        preset: row.preset,
        issuer,
        clientId: row.client_id,
        tenantId: row.tenant_id,
        hostedDomains,
        jitEnabled: body.jitEnabled === true,
        tokenAuthMethod,
        groupsClaim: row.groups_claim,
      },
    });
  });
  return toContract(ctx.deps, row);
}

export async function findConnection(db: DbOrTrx, organizationId: string, id: string): Promise<SsoConnectionRow | undefined> {
  return db.selectFrom('sso_connections').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export async function requireConnection(db: DbOrTrx, organizationId: string, id: string): Promise<SsoConnectionRow> {
  const row = await findConnection(db, organizationId, id);
  if (!row) throw fail(SSO_ERRORS, 'CONNECTION_NOT_FOUND');
  return row;
}

export async function listConnections(db: DbOrTrx, organizationId: string): Promise<SsoConnectionRow[]> {
  return db.selectFrom('sso_connections').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
}

export async function updateConnection(ctx: AdminCtx, id: string, body: Static<typeof UpdateSsoConnectionBody>): Promise<SsoConnection> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await requireConnection(trx, ctx.organizationId, id);
    if (before.kind === 'saml' && (body.clientSecret !== undefined || body.tokenAuthMethod !== undefined || body.hostedDomains !== undefined)) {
      throw fail(SSO_ERRORS, 'SAML_OIDC_ONLY_SETTING');
    }
    const hostedDomains = body.hostedDomains ? normalizeDomains(body.hostedDomains) : (JSON.parse(before.hosted_domains) as string[]);
    if (before.preset === 'google' && hostedDomains.length === 0) throw fail(SSO_ERRORS, 'HOSTED_DOMAINS_REQUIRED');
    const auth = await clientAuthPatch(trx, ctx, before, body);
    const patch = {
      name: body.name?.trim() ?? before.name,
      jit_enabled: body.jitEnabled === undefined ? before.jit_enabled : Number(body.jitEnabled),
      enabled: body.enabled === undefined ? before.enabled : Number(body.enabled),
      hosted_domains: JSON.stringify(hostedDomains),
      // A new secret means the connection has to pass "Test connection" again.
      ...(body.clientSecret ? { client_secret: sealSecret(body.clientSecret, ctx.deps.config.ssoSecretKey), last_test_ok: 0 } : {}),
      ...auth,
      groups_claim: body.groupsClaim ?? before.groups_claim,
      updated_at: nowIso(ctx.deps),
    };
    await trx.updateTable('sso_connections').set(patch).where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'sso.connection.updated',
      category: 'policy',
      risk: 'high',
      subject: { type: 'sso_connection', id, label: patch.name },
      before: {
        name: before.name,
        jitEnabled: before.jit_enabled === 1,
        enabled: before.enabled === 1,
        hostedDomains: JSON.parse(before.hosted_domains) as string[],
        tokenAuthMethod: before.token_auth_method,
        groupsClaim: before.groups_claim,
      },
      after: {
        name: patch.name,
        jitEnabled: patch.jit_enabled === 1,
        enabled: patch.enabled === 1,
        hostedDomains,
        clientSecretChanged: Boolean(body.clientSecret),
        tokenAuthMethod: patch.token_auth_method ?? before.token_auth_method,
        groupsClaim: patch.groups_claim,
      },
    });
    return toContract(ctx.deps, await requireConnection(trx, ctx.organizationId, id));
  });
}

/** A change of client authentication: a key pair for private-key JWT, a secret for client_secret_basic; either way a new test. */
async function clientAuthPatch(trx: DbOrTrx, ctx: AdminCtx, before: SsoConnectionRow, body: Static<typeof UpdateSsoConnectionBody>) {
  const method = body.tokenAuthMethod;
  if (!method || method === before.token_auth_method) return {};
  if (method === 'client_secret_basic' && !body.clientSecret && !before.client_secret) throw fail(SSO_ERRORS, 'CLIENT_SECRET_REQUIRED');
  if (method === 'private_key_jwt') await ensureClientKey(trx, ctx.deps, before);
  return { token_auth_method: method, last_test_ok: 0 };
}

export async function deleteConnection(ctx: AdminCtx, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const before = await requireConnection(trx, ctx.organizationId, id);
    await trx.updateTable('sso_domains').set({ connection_id: null }).where('connection_id', '=', id).execute();
    await trx.deleteFrom('sso_login_states').where('connection_id', '=', id).execute();
    await trx.deleteFrom('sso_connections').where('id', '=', id).execute();
    await recordAudit(trx, ctx, {
      action: 'sso.connection.deleted',
      category: 'policy',
      risk: 'high',
      subject: { type: 'sso_connection', id, label: before.name },
      before: { preset: before.preset, issuer: before.issuer, clientId: before.client_id },
      after: null,
    });
  });
}
