import type { Static } from 'typebox';
import type { OrganizationSettings, UpdateOrganizationSettingsBody } from '../../../contracts/organization.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { ORGANIZATIONS_ERRORS } from './organizations.errors.js';
import { findOrganization, updateOrganization } from './organizations.repository.js';
import type { OrganizationRow } from './organizations.table.js';

export function organizationRowToSettings(row: OrganizationRow): OrganizationSettings {
  return {
    name: row.name,
    invitationExpiryDays: row.invitation_expiry_days,
    allowedEmailDomains: JSON.parse(row.allowed_email_domains) as string[],
    businessReasonRequired: row.business_reason_required === 1,
    requirePasskeysForPrivilegedUsers: row.require_passkeys_privileged === 1,
    requirePasskeysForAllUsers: row.require_passkeys_all === 1,
    version: row.version,
  };
}

export async function requireOrganization(db: DbOrTrx, organizationId: string): Promise<OrganizationRow> {
  const row = await findOrganization(db, organizationId);
  if (!row) throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_NOT_FOUND');
  return row;
}

/** Refuses a sign-in (a new session of any kind) into a suspended organization. */
export async function assertOrganizationActive(db: DbOrTrx, organizationId: string): Promise<OrganizationRow> {
  const row = await requireOrganization(db, organizationId);
  if (row.status !== 'active') throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_SUSPENDED');
  return row;
}

export async function getOrganizationSettings(ctx: RequestContext): Promise<OrganizationSettings> {
  return organizationRowToSettings(await requireOrganization(ctx.deps.db, ctx.organizationId));
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export async function updateOrganizationSettings(ctx: RequestContext, body: Static<typeof UpdateOrganizationSettingsBody>): Promise<OrganizationSettings> {
  const domains = body.allowedEmailDomains?.map((d) => d.trim().toLowerCase().replace(/^@/, ''));
  const bad = domains?.find((d) => !DOMAIN.test(d));
  if (bad !== undefined) throw fail(ORGANIZATIONS_ERRORS, 'INVALID_DOMAIN', { domain: bad }, `"${bad}" is not a valid domain name (example: example.com).`);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const before = await requireOrganization(trx, ctx.organizationId);
    const patch = {
      ...(body.name !== undefined && { name: body.name.trim() }),
      ...(body.invitationExpiryDays !== undefined && { invitation_expiry_days: body.invitationExpiryDays }),
      ...(domains !== undefined && { allowed_email_domains: JSON.stringify([...new Set(domains)]) }),
      ...(body.businessReasonRequired !== undefined && { business_reason_required: body.businessReasonRequired ? 1 : 0 }),
      ...(body.requirePasskeysForPrivilegedUsers !== undefined && { require_passkeys_privileged: body.requirePasskeysForPrivilegedUsers ? 1 : 0 }),
      ...(body.requirePasskeysForAllUsers !== undefined && { require_passkeys_all: body.requirePasskeysForAllUsers ? 1 : 0 }),
    };
    await updateOrganization(trx, ctx.organizationId, { ...patch, version: before.version + 1, updated_at: nowIso(ctx.deps) });
    const after = await requireOrganization(trx, ctx.organizationId);
    const policyChanged = body.requirePasskeysForAllUsers !== undefined || body.requirePasskeysForPrivilegedUsers !== undefined;
    await recordAudit(trx, ctx, {
      action: 'organization.settings_updated',
      category: policyChanged ? 'policy' : 'admin',
      risk: policyChanged ? 'high' : 'medium',
      subject: { type: 'organization', id: after.id, label: after.name },
      reason: body.reason,
      before: organizationRowToSettings(before),
      after: organizationRowToSettings(after),
    });
    return organizationRowToSettings(after);
  });
}
