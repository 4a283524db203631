// The deployment operator's organizations: create (with the first administrator's invitation), list,
// suspend, resume, delete. Used by the operator API and `npm run org`; never by an organization's people.
import type {
  CreatedOrganization,
  DeletedOrganization,
  OperatorOrganization,
  OperatorOrganizationList,
  SuspendedOrganization,
} from '../../../contracts/operator.js';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Deps, type RequestContext } from '../../platform/deps.js';
import { isValidEmail } from '../../platform/email.js';
import { fail, PLATFORM_ERRORS } from '../../platform/errors.js';
import { revokeOrganizationSessions } from '../auth/index.js';
import { inviteFirstAdministrator } from '../invitations/index.js';
import { accountCountsOf } from '../users/index.js';
import { insertOrganizationWithRoles } from './organizations.bootstrap.js';
import { ORGANIZATIONS_ERRORS } from './organizations.errors.js';
import { findOrganization, findOrganizationsNamed, insertOperatorEvent, listOrganizationRows, updateOrganization } from './organizations.repository.js';
import { purgeOrganizationRows } from './organizations.purge.js';
import type { OperatorEventRow, OrganizationRow } from './organizations.table.js';

/** Who acts: "api from 127.0.0.1", "cli as root". Recorded with every operator event. */
export interface OperatorActor {
  label: string;
  ip: string | null;
}

async function toOperatorOrganizations(db: DbOrTrx, rows: OrganizationRow[]): Promise<OperatorOrganization[]> {
  const counts = await accountCountsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    suspendedAt: row.suspended_at,
    users: counts.get(row.id)?.users ?? 0,
    activeUsers: counts.get(row.id)?.active ?? 0,
  }));
}

/** The context of audit events the operator writes into an organization's own log ("Sofie operator"). */
function operatorContext(deps: Deps, organizationId: string, operator: OperatorActor): RequestContext {
  return { deps, organizationId, actor: null, ip: operator.ip, userAgent: `operator:${operator.label}` };
}

async function recordOperatorEvent(
  trx: DbOrTrx,
  deps: Deps,
  operator: OperatorActor,
  org: OrganizationRow,
  event: { action: OperatorEventRow['action']; reason?: string; details?: unknown },
): Promise<void> {
  await insertOperatorEvent(trx, {
    id: deps.newId(),
    organization_id: org.id,
    organization_name: org.name,
    action: event.action,
    actor_label: operator.label,
    reason: event.reason?.trim() || null,
    details: event.details === undefined ? null : JSON.stringify(event.details),
    created_at: nowIso(deps),
  });
}

/** An organization by id, or by name (ignoring case) when exactly one has it. */
export async function findOrganizationByRef(db: DbOrTrx, ref: string): Promise<OrganizationRow> {
  const byId = await findOrganization(db, ref.trim());
  if (byId) return byId;
  const named = await findOrganizationsNamed(db, ref);
  if (named.length > 1) throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_NAME_AMBIGUOUS', { ids: named.map((o) => o.id) });
  if (named.length === 0) throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_NOT_FOUND', { ref });
  return named[0];
}

/**
 * A new organization with its system roles (seeded as at first start) and its first administrator
 * invited with the Admin role through the invitations feature: the link is mailed and returned once.
 */
export async function createOrganizationAsOperator(
  deps: Deps,
  operator: OperatorActor,
  input: { name: string; adminEmail: string; adminName?: string },
): Promise<CreatedOrganization> {
  const name = input.name.trim();
  if (!isValidEmail(input.adminEmail.trim())) throw fail(ORGANIZATIONS_ERRORS, 'INVALID_ADMIN_EMAIL', { email: input.adminEmail });
  return deps.db.transaction().execute(async (trx) => {
    if ((await findOrganizationsNamed(trx, name)).length > 0) throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_NAME_TAKEN', { name });
    const { organizationId, roleIds } = await insertOrganizationWithRoles(trx, deps, name);
    const ctx = operatorContext(deps, organizationId, operator);
    const org = (await findOrganization(trx, organizationId))!;
    await recordAudit(trx, ctx, {
      action: 'organization.created',
      category: 'admin',
      risk: 'high',
      subject: { type: 'organization', id: organizationId, label: name },
      after: { name, firstAdministrator: input.adminEmail.trim() },
    });
    const invited = await inviteFirstAdministrator(trx, ctx, { email: input.adminEmail, name: input.adminName, roleId: roleIds.get('admin')! });
    await recordOperatorEvent(trx, deps, operator, org, { action: 'organization.created', details: { firstAdministrator: invited.email } });
    const [organization] = await toOperatorOrganizations(trx, [org]);
    return { organization, invitation: { email: invited.email, acceptUrl: invited.acceptUrl, expiresAt: invited.expiresAt } };
  });
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { name?: unknown; id?: unknown };
    if (typeof value.name === 'string' && typeof value.id === 'string') return { name: value.name, id: value.id };
  } catch {
    // fall through to the refusal
  }
  throw fail(PLATFORM_ERRORS, 'INVALID_CURSOR');
}

/** Organizations by name, a keyset page at a time (the organizations__name index), with their account counts. */
export async function listOrganizationsAsOperator(
  deps: Deps,
  query: { status?: OrganizationRow['status']; limit?: number; cursor?: string },
): Promise<OperatorOrganizationList> {
  const limit = query.limit ?? 50;
  const rows = await listOrganizationRows(deps.db, { status: query.status, limit, after: query.cursor ? decodeCursor(query.cursor) : undefined });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await toOperatorOrganizations(deps.db, page),
    nextCursor: rows.length > limit ? Buffer.from(JSON.stringify({ name: last.name, id: last.id })).toString('base64url') : null,
  };
}

/**
 * Suspends an organization: in one transaction its status changes and every open session of it
 * ends; from then on nobody of it signs in and its service tokens are refused. Audited in the
 * organization's own log (actor "Sofie operator") and in the operator's.
 */
export async function suspendOrganization(deps: Deps, operator: OperatorActor, ref: string, reason?: string): Promise<SuspendedOrganization> {
  return deps.db.transaction().execute(async (trx) => {
    const org = await findOrganizationByRef(trx, ref);
    if (org.status === 'suspended') throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_ALREADY_SUSPENDED');
    const now = nowIso(deps);
    await updateOrganization(trx, org.id, { status: 'suspended', suspended_at: now, version: org.version + 1, updated_at: now });
    const sessionsEnded = await revokeOrganizationSessions(trx, org.id, now);
    await recordAudit(trx, operatorContext(deps, org.id, operator), {
      action: 'organization.suspended',
      category: 'admin',
      risk: 'high',
      subject: { type: 'organization', id: org.id, label: org.name },
      reason,
      before: { status: 'active' },
      after: { status: 'suspended', sessionsEnded },
    });
    await recordOperatorEvent(trx, deps, operator, org, { action: 'organization.suspended', reason, details: { sessionsEnded } });
    const [organization] = await toOperatorOrganizations(trx, [(await findOrganization(trx, org.id))!]);
    return { organization, sessionsEnded };
  });
}

/** Lets a suspended organization's people sign in again (their old sessions stay ended). */
export async function resumeOrganization(deps: Deps, operator: OperatorActor, ref: string, reason?: string): Promise<OperatorOrganization> {
  return deps.db.transaction().execute(async (trx) => {
    const org = await findOrganizationByRef(trx, ref);
    if (org.status !== 'suspended') throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_NOT_SUSPENDED');
    const now = nowIso(deps);
    await updateOrganization(trx, org.id, { status: 'active', suspended_at: null, version: org.version + 1, updated_at: now });
    await recordAudit(trx, operatorContext(deps, org.id, operator), {
      action: 'organization.resumed',
      category: 'admin',
      risk: 'high',
      subject: { type: 'organization', id: org.id, label: org.name },
      reason,
      before: { status: 'suspended', suspendedAt: org.suspended_at },
      after: { status: 'active' },
    });
    await recordOperatorEvent(trx, deps, operator, org, { action: 'organization.resumed', reason });
    const [organization] = await toOperatorOrganizations(trx, [(await findOrganization(trx, org.id))!]);
    return organization;
  });
}

/**
 * Deletes a suspended organization for good: every row it owns (users, sessions, audit log, content
 * registry, usage, mail) goes, in one transaction, once the operator has typed its exact name. What
 * remains is the operator's event: id, name, who, when, why, and how many rows each table lost.
 */
export async function deleteOrganization(
  deps: Deps,
  operator: OperatorActor,
  ref: string,
  input: { confirmName: string; reason?: string },
): Promise<DeletedOrganization> {
  return deps.db.transaction().execute(async (trx) => {
    const org = await findOrganizationByRef(trx, ref);
    if (org.status !== 'suspended') throw fail(ORGANIZATIONS_ERRORS, 'ORGANIZATION_NOT_SUSPENDED');
    if (input.confirmName !== org.name) throw fail(ORGANIZATIONS_ERRORS, 'DELETE_CONFIRMATION_MISMATCH', { name: org.name });
    const removed = await purgeOrganizationRows(trx, org.id);
    await recordOperatorEvent(trx, deps, operator, org, { action: 'organization.deleted', reason: input.reason, details: { removed } });
    return { id: org.id, name: org.name, removed };
  });
}
