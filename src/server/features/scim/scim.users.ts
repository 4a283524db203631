// SCIM Users read and created: lists with filters compiled to SQL, one user, and POST, which either
// provisions a new account (the organization's default role) or links the account an address
// already has (a console user or a pending invitation) instead of making a second one.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type RequestContext } from '../../platform/deps.js';
import { emailDomain } from '../../platform/email.js';
import { requireOrganization } from '../organizations/index.js';
import { assertNoEscalation, findDefaultRole, lockOrganizationForAccessChange, rolePermissions } from '../roles/index.js';
import { createUserAccount, findUserByEmail, type UserRow } from '../users/index.js';
import { scimFail } from './scim.errors.js';
import { compileFilter, type AttributeMap } from './scim.filter-sql.js';
import { parseFilter, type CompareOp, type Literal } from './scim.filter.js';
import { listResponse, paging, project, type ListQuery } from './scim.list.js';
import type { Json } from './scim.patch.js';
import { findConflictingLink, findScimUser, insertLink, listScimUsers, scimGroupsOfUsers, type ScimUserView } from './scim.repository.js';
import { sortOrder } from './scim.sort.js';
import { scimBaseUrl, tokenLabel } from './scim.tokens.js';
import { linkColumns, linkExistingAccount, type Ctx } from './scim.users-link.js';
import { ENTERPRISE_SCHEMA, readUser, userResource, USER_SCHEMA, type UserInput } from './scim.user-resource.js';

function boolFilter(op: CompareOp | 'pr', value: Literal, attr: string): boolean | null {
  if (op === 'pr') return null;
  const v = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
  if (typeof v !== 'boolean' || (op !== 'eq' && op !== 'ne')) throw scimFail('INVALID_FILTER', `"${attr}" is compared with eq or ne and true or false.`);
  return (op === 'eq') === v;
}

const always = (yes: boolean): RawBuilder<SqlBool> => (yes ? sql<SqlBool>`(1 = 1)` : sql<SqlBool>`(1 = 0)`);

/** What a User filter may name, and the column each compares (userName and externalId are indexed). */
export const USER_FILTER: AttributeMap = {
  urns: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  attributes: {
    id: { column: 's.user_id', type: 'string', caseExact: true },
    username: { column: 's.user_name_normalized', type: 'string', normalized: true },
    externalid: { column: 's.external_id', type: 'string', caseExact: true },
    displayname: { column: 'u.name', type: 'string' },
    'name.formatted': { column: 'u.name', type: 'string' },
    'name.givenname': { column: 's.given_name', type: 'string' },
    'name.familyname': { column: 's.family_name', type: 'string' },
    emails: { column: 'u.email_normalized', type: 'string', normalized: true },
    'emails.value': { column: 'u.email_normalized', type: 'string', normalized: true },
    'emails.type': { column: 's.email_type', type: 'string' },
    'emails.primary': { special: (op, value) => always(boolFilter(op, value, 'emails.primary') ?? true) },
    active: {
      special: (op, value) => {
        const wanted = boolFilter(op, value, 'active');
        if (wanted === null) return always(true);
        return wanted ? sql<SqlBool>`(${sql.ref('u.status')} = 'active')` : sql<SqlBool>`(${sql.ref('u.status')} <> 'active')`;
      },
    },
    'meta.created': { column: 's.created_at', type: 'dateTime' },
    'meta.lastmodified': { column: 's.updated_at', type: 'dateTime' },
    title: { column: 's.profile', json: ['title'], type: 'string' },
    usertype: { column: 's.profile', json: ['userType'], type: 'string' },
    nickname: { column: 's.profile', json: ['nickName'], type: 'string' },
    preferredlanguage: { column: 's.profile', json: ['preferredLanguage'], type: 'string' },
    locale: { column: 's.profile', json: ['locale'], type: 'string' },
    // The enterprise extension (named with or without its URN).
    department: { column: 's.enterprise', json: ['department'], type: 'string' },
    employeenumber: { column: 's.enterprise', json: ['employeeNumber'], type: 'string', caseExact: true },
    costcenter: { column: 's.enterprise', json: ['costCenter'], type: 'string' },
    organization: { column: 's.enterprise', json: ['organization'], type: 'string' },
    division: { column: 's.enterprise', json: ['division'], type: 'string' },
    'manager.value': { column: 's.enterprise', json: ['manager', 'value'], type: 'string', caseExact: true },
  },
};

async function toResources(ctx: RequestContext, rows: ScimUserView[]): Promise<Json[]> {
  const groups = await scimGroupsOfUsers(
    ctx.deps.db,
    ctx.organizationId,
    rows.map((r) => r.user_id),
  );
  return rows.map((r) => userResource(r, groups.get(r.user_id) ?? [], scimBaseUrl(ctx.deps)));
}

export async function listUsers(ctx: RequestContext, query: ListQuery): Promise<Json> {
  const { startIndex, offset, limit } = paging(query);
  const where = query.filter ? compileFilter(parseFilter(query.filter), USER_FILTER, ctx.deps.dialect) : null;
  const order = sortOrder(query, USER_FILTER, ctx.deps.dialect);
  const { rows, total } = await listScimUsers(ctx.deps.db, ctx.organizationId, where, offset, limit, order);
  return listResponse(
    (await toResources(ctx, rows)).map((r) => project(r, query)),
    total,
    startIndex,
  );
}

export async function requireScimUser(db: DbOrTrx, organizationId: string, id: string): Promise<ScimUserView> {
  const row = await findScimUser(db, organizationId, id);
  if (!row) throw scimFail('RESOURCE_NOT_FOUND', `No User ${id} in this organization.`);
  return row;
}

export async function getUser(ctx: RequestContext, id: string): Promise<Json> {
  const row = await requireScimUser(ctx.deps.db, ctx.organizationId, id);
  return (await toResources(ctx, [row]))[0];
}

/** userName and externalId are unique per organization among live SCIM users. */
export async function assertUnique(trx: DbOrTrx, ctx: Ctx, input: UserInput, userId: string | null): Promise<void> {
  if (await findConflictingLink(trx, ctx.organizationId, 'user_name_normalized', input.userName.toLowerCase(), userId)) {
    throw scimFail('UNIQUENESS', `Another user already has the userName "${input.userName}".`);
  }
  if (input.externalId && (await findConflictingLink(trx, ctx.organizationId, 'external_id', input.externalId, userId))) {
    throw scimFail('UNIQUENESS', `Another user already has the externalId "${input.externalId}".`);
  }
}

/** The organization's allowed email domains hold for provisioned people as for invited ones. */
export async function assertDomainAllowed(trx: DbOrTrx, ctx: Ctx, emailNormalized: string): Promise<void> {
  const org = await requireOrganization(trx, ctx.organizationId);
  const allowed = JSON.parse(org.allowed_email_domains) as string[];
  if (allowed.length > 0 && !allowed.includes(emailDomain(emailNormalized))) {
    throw scimFail('INVALID_VALUE', `${emailDomain(emailNormalized)} is not one of the organization's allowed email domains (${allowed.join(', ')}).`);
  }
}

/** POST /Users: a new account, or the existing account of the address linked. `linked` says which. */
export async function createUser(ctx: Ctx, body: unknown): Promise<{ resource: Json; linked: UserRow['status'] | null }> {
  const input = readUser(body);
  const result = await ctx.deps.db.transaction().execute(async (trx) => {
    await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
    await assertUnique(trx, ctx, input, null);
    await assertDomainAllowed(trx, ctx, input.emailNormalized);
    const existing = await findUserByEmail(trx, ctx.organizationId, input.emailNormalized);
    if (existing) return { id: existing.id, linked: await linkExistingAccount(trx, ctx, existing, input) };
    return { id: await provisionNew(trx, ctx, input), linked: null };
  });
  return { resource: await getUser(ctx, result.id), linked: result.linked };
}

async function provisionNew(trx: DbOrTrx, ctx: Ctx, input: UserInput): Promise<string> {
  const role = await findDefaultRole(trx, ctx.organizationId);
  if (!role) throw scimFail('INVALID_VALUE', 'The organization has no default role to give provisioned users.');
  assertNoEscalation(ctx.actor, rolePermissions(role), role.name);
  const id = ctx.deps.newId();
  const now = nowIso(ctx.deps);
  const active = input.active !== false;
  await createUserAccount(trx, {
    id,
    organization_id: ctx.organizationId,
    email: input.email,
    email_normalized: input.emailNormalized,
    name: input.name,
    role_id: role.id,
    status: active ? 'active' : 'deactivated',
    invited_by: null,
    invited_at: null,
    activated_at: now,
    last_sign_in_at: null,
    last_active_at: null,
    deactivated_at: active ? null : now,
    provisioned_by: ctx.actor.credentialLabel ?? tokenLabel('SCIM'),
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await insertLink(trx, {
    user_id: id,
    organization_id: ctx.organizationId,
    ...linkColumns(input),
    token_id: ctx.actor.userId,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(trx, ctx, {
    action: 'scim.user.created',
    category: 'access',
    risk: 'medium',
    subject: { type: 'user', id, label: input.email },
    before: null,
    after: { userName: input.userName, externalId: input.externalId, name: input.name, role: role.name, active },
  });
  return id;
}
