// SAML connections in Organization settings → "Single sign-on": created from the identity
// provider's metadata (XML or URL), changed by new metadata or by hand for a certificate rotation.
// Name, just-in-time accounts and enabled change here as through the generic route (sso.connections.ts).
import type { Static } from 'typebox';
import type { CreateSamlConnectionBody, UpdateSamlConnectionBody } from '../../../contracts/sso-saml.js';
import type { SsoConnection } from '../../../contracts/sso.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Actor, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { requireConnection, toContract } from './sso.connections.js';
import { SSO_ERRORS } from './sso.errors.js';
import { certificateInfo, samlSettingsOf } from './sso.saml.details.js';
import { fetchIdpMetadata, normalizeCertificates, parseIdpMetadata, type IdpMetadata } from './sso.saml.metadata.js';
import type { SamlIdpSettings } from './sso.saml.table.js';
import { assertIssuerAllowed } from './sso.oidc.js';
import type { SsoConnectionRow } from './sso.table.js';

type AdminCtx = RequestContext & { actor: Actor };

async function readMetadata(deps: Deps, input: { metadataXml?: string; metadataUrl?: string }): Promise<{ metadata: IdpMetadata; url: string | null }> {
  if (input.metadataXml && input.metadataUrl) throw fail(SSO_ERRORS, 'SAML_METADATA_INVALID', undefined, 'Give the metadata XML or its URL, not both.');
  if (input.metadataUrl) {
    const url = input.metadataUrl.trim();
    return { metadata: await fetchIdpMetadata(deps, url), url };
  }
  if (input.metadataXml) return { metadata: parseIdpMetadata(input.metadataXml), url: null };
  throw fail(SSO_ERRORS, 'SAML_METADATA_INVALID', undefined, 'Paste or upload the identity provider’s metadata XML, or give its metadata URL.');
}

/** A connection may be created before the identity provider exists: it needs our entity ID and ACS URL first. */
const PENDING: IdpMetadata = { entityId: '', ssoUrl: '', certificates: [] };

/** What the audit log keeps of a SAML connection's identity provider side. */
function auditView(issuer: string, settings: SamlIdpSettings) {
  return {
    idpEntityId: issuer,
    ssoUrl: settings.ssoUrl,
    metadataUrl: settings.metadataUrl,
    certificates: settings.certificates.map((pem) => certificateInfo(pem).fingerprintSha256),
    allowIdpInitiated: settings.allowIdpInitiated,
  };
}

export async function createSamlConnection(ctx: AdminCtx, body: Static<typeof CreateSamlConnectionBody>): Promise<SsoConnection> {
  const { metadata, url } = body.metadataXml || body.metadataUrl ? await readMetadata(ctx.deps, body) : { metadata: PENDING, url: null };
  if (metadata.ssoUrl) assertIssuerAllowed(ctx.deps, metadata.ssoUrl);
  const settings: SamlIdpSettings = {
    ssoUrl: metadata.ssoUrl,
    certificates: metadata.certificates,
    metadataUrl: url,
    allowIdpInitiated: body.allowIdpInitiated === true,
  };
  const now = nowIso(ctx.deps);
  const row: SsoConnectionRow = {
    id: ctx.deps.newId(),
    organization_id: ctx.organizationId,
    name: body.name.trim(),
    kind: 'saml',
    saml: JSON.stringify(settings),
    preset: 'generic',
    issuer: metadata.entityId,
    client_id: '',
    client_secret: '',
    tenant_id: null,
    allow_multi_tenant: 0,
    hosted_domains: '[]',
    jit_enabled: body.jitEnabled ? 1 : 0,
    enabled: 1,
    last_tested_at: null,
    last_test_ok: 0,
    last_test_result: null,
    admin_signed_in_at: null,
    token_auth_method: 'client_secret_basic',
    groups_claim: 'groups',
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('sso_connections').values(row).execute();
    await recordAudit(trx, ctx, {
      action: 'sso.connection.created',
      category: 'policy',
      risk: 'high',
      subject: { type: 'sso_connection', id: row.id, label: row.name },
      before: null,
      after: { kind: 'saml', ...auditView(row.issuer, settings), jitEnabled: body.jitEnabled === true },
    });
  });
  return toContract(ctx.deps, row);
}

async function nextSettings(ctx: AdminCtx, before: SsoConnectionRow, body: Static<typeof UpdateSamlConnectionBody>) {
  const current = samlSettingsOf(before);
  let issuer = before.issuer;
  let settings = { ...current, allowIdpInitiated: body.allowIdpInitiated ?? current.allowIdpInitiated };
  const metadataUrl = body.refreshMetadata && !body.metadataUrl ? (current.metadataUrl ?? undefined) : body.metadataUrl;
  if (body.refreshMetadata && !metadataUrl) throw fail(SSO_ERRORS, 'SAML_METADATA_INVALID', undefined, 'This connection was not set up from a metadata URL.');
  if (body.metadataXml || metadataUrl) {
    const { metadata, url } = await readMetadata(ctx.deps, { metadataXml: body.metadataXml, metadataUrl });
    assertIssuerAllowed(ctx.deps, metadata.ssoUrl);
    issuer = metadata.entityId;
    settings = { ...settings, ssoUrl: metadata.ssoUrl, certificates: metadata.certificates, metadataUrl: url };
  }
  if (body.certificates) settings = { ...settings, certificates: normalizeCertificates(body.certificates) };
  return { issuer, settings };
}

/** Name, just-in-time accounts and enabled: as they are unless the PATCH gives them. */
function commonFields(before: SsoConnectionRow, body: Static<typeof UpdateSamlConnectionBody>) {
  return {
    name: body.name?.trim() ?? before.name,
    jit_enabled: body.jitEnabled === undefined ? before.jit_enabled : Number(body.jitEnabled),
    enabled: body.enabled === undefined ? before.enabled : Number(body.enabled),
  };
}

function commonAuditView(row: Pick<SsoConnectionRow, 'name' | 'jit_enabled' | 'enabled'>) {
  return { name: row.name, jitEnabled: row.jit_enabled === 1, enabled: row.enabled === 1 };
}

export async function updateSamlConnection(ctx: AdminCtx, id: string, body: Static<typeof UpdateSamlConnectionBody>): Promise<SsoConnection> {
  const found = await requireConnection(ctx.deps.db, ctx.organizationId, id);
  if (found.kind !== 'saml') throw fail(SSO_ERRORS, 'SAML_NOT_SAML');
  // Metadata is fetched before the transaction: no database lock is held while a remote server answers.
  const { issuer, settings } = await nextSettings(ctx, found, body);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await requireConnection(trx, ctx.organizationId, id);
    const beforeSettings = samlSettingsOf(before);
    const common = commonFields(before, body);
    const trustChanged =
      issuer !== before.issuer || settings.ssoUrl !== beforeSettings.ssoUrl || settings.certificates.join() !== beforeSettings.certificates.join();
    await trx
      .updateTable('sso_connections')
      .set({
        ...common,
        issuer,
        saml: JSON.stringify(settings),
        updated_at: nowIso(ctx.deps),
        // Another identity provider or another key: the connection has to pass "Test connection" again.
        ...(trustChanged ? { last_test_ok: 0 } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: 'sso.connection.updated',
      category: 'policy',
      risk: 'high',
      subject: { type: 'sso_connection', id, label: common.name },
      before: { ...commonAuditView(before), ...auditView(before.issuer, beforeSettings) },
      after: { ...commonAuditView(common), ...auditView(issuer, settings) },
    });
    return toContract(ctx.deps, await requireConnection(trx, ctx.organizationId, id));
  });
}
