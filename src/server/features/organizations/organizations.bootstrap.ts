import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps } from '../../platform/deps.js';
import { nameFromEmail, normalizeEmail } from '../../platform/email.js';
import { issueMagicLink } from '../auth/index.js';
import { seedSystemRoles } from '../roles/index.js';
import { createUserAccount } from '../users/index.js';
import { findFirstOrganization, insertOrganization } from './organizations.repository.js';

export interface CreatedOrganization {
  organizationId: string;
  adminUserId: string;
  roleIds: Map<string, string>;
}

/**
 * A new organization with its system roles, nobody in it yet: the one way organizations are made
 * (the first at start, the operator's, the tests'). Settings start at the product's defaults.
 */
export async function insertOrganizationWithRoles(trx: DbOrTrx, deps: Deps, name: string): Promise<{ organizationId: string; roleIds: Map<string, string> }> {
  const now = nowIso(deps);
  const organizationId = deps.newId();
  await insertOrganization(trx, {
    id: organizationId,
    name,
    invitation_expiry_days: 7,
    allowed_email_domains: '[]',
    business_reason_required: 0,
    require_passkeys_privileged: 0,
    require_passkeys_all: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return { organizationId, roleIds: await seedSystemRoles(trx, deps, organizationId) };
}

/** A new organization with its system roles and one active administrator. */
export async function createOrganization(
  trx: DbOrTrx,
  deps: Deps,
  input: { name: string; adminEmail: string; adminName?: string },
): Promise<CreatedOrganization> {
  const now = nowIso(deps);
  const { organizationId, roleIds } = await insertOrganizationWithRoles(trx, deps, input.name);
  const adminUserId = deps.newId();
  const email = input.adminEmail.trim();
  const name = input.adminName ?? nameFromEmail(email);
  await createUserAccount(trx, {
    id: adminUserId,
    organization_id: organizationId,
    email,
    email_normalized: normalizeEmail(email),
    name,
    role_id: roleIds.get('admin')!,
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
  return { organizationId, adminUserId, roleIds };
}

export interface BootstrapResult {
  created: boolean;
  organizationId: string;
  adminEmail: string;
  /** A one-time sign-in link while the first administrator has never signed in. */
  signInUrl: string | null;
}

/**
 * On an empty database: the first organization and its administrator. On later starts, a fresh
 * one-time link as long as that administrator has never signed in (the previous one may have expired).
 */
export async function ensureFirstOrganization(deps: Deps): Promise<BootstrapResult> {
  return deps.db.transaction().execute(async (trx) => {
    // Two processes starting together on one PostgreSQL must not both create "the first" organization.
    if (deps.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7301)`.execute(trx);
    let org = await findFirstOrganization(trx);
    let created = false;
    if (!org) {
      await createOrganization(trx, deps, { name: deps.config.organizationName, adminEmail: deps.config.adminEmail });
      org = (await findFirstOrganization(trx))!;
      created = true;
    }
    const admin = await trx
      .selectFrom('users')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('email_normalized', '=', normalizeEmail(deps.config.adminEmail))
      .executeTakeFirst();
    const signInUrl = admin && admin.status === 'active' && !admin.last_sign_in_at ? await issueMagicLink(trx, deps, admin) : null;
    return { created, organizationId: org.id, adminEmail: admin?.email ?? deps.config.adminEmail, signInUrl };
  });
}
