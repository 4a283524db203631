// A SCIM Group (RFC 7643 §4.2) over a product group: a cohort, which grants no permission. Members
// are the SCIM users in it; people added in the console who are not SCIM users are not the
// identity provider's to see or change.
import { sql, type SqlBool } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { hasControlCharacter, scimFail } from './scim.errors.js';
import { compileFilter, type AttributeMap } from './scim.filter-sql.js';
import type { CompareOp, Filter, Literal } from './scim.filter.js';
import { keyOf, type Json, type PatchSchema } from './scim.patch.js';
import type { ScimGroupView } from './scim.repository.js';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** Members one request may name (a group of 20,000 is pushed in a few requests, or one). */
export const MAX_MEMBERS_PER_REQUEST = 50_000;

export const GROUP_PATCH_SCHEMA: PatchSchema = {
  multiValued: new Set(['members']),
  readOnly: new Set(['id', 'meta']),
  extensions: [],
  coreUrn: GROUP_SCHEMA,
};

const MEMBER_FILTER: AttributeMap = {
  urns: [GROUP_SCHEMA],
  attributes: { value: { column: 'gm2.user_id', type: 'string', caseExact: true } },
};

/** What a Group filter may name; `members[value eq "…"]` is an EXISTS over the memberships. */
export function groupFilter(dialect: Dialect): AttributeMap {
  const member = (inner: Filter) => sql<SqlBool>`EXISTS (SELECT 1 FROM group_members gm2
    JOIN scim_users s2 ON s2.user_id = gm2.user_id AND s2.deleted_at IS NULL
    WHERE gm2.group_id = sg.group_id AND ${compileFilter(inner, MEMBER_FILTER, dialect)})`;
  const VALUE = { urn: null, attr: 'value', sub: null };
  const direct = (op: CompareOp | 'pr', value: Literal) => member(op === 'pr' ? { kind: 'pr', path: VALUE } : { kind: 'compare', op, path: VALUE, value });
  return {
    urns: [GROUP_SCHEMA],
    attributes: {
      id: { column: 'sg.group_id', type: 'string', caseExact: true },
      displayname: { column: 'g.name_normalized', type: 'string', normalized: true },
      externalid: { column: 'sg.external_id', type: 'string', caseExact: true },
      'meta.created': { column: 'sg.created_at', type: 'dateTime' },
      'meta.lastmodified': { column: 'sg.updated_at', type: 'dateTime' },
      members: { special: direct },
      'members.value': { special: direct },
    },
    valuePaths: { members: (inner) => member(inner) },
  };
}

export function groupVersion(row: Pick<ScimGroupView, 'version' | 'group_updated_at'>): string {
  return `W/"${row.version}.${Date.parse(row.group_updated_at).toString(36)}"`;
}

export function groupResource(row: ScimGroupView, members: { user_id: string; name: string }[] | null, baseUrl: string): Json {
  return {
    schemas: [GROUP_SCHEMA],
    id: row.group_id,
    displayName: row.name,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    ...(members ? { members: members.map((m) => ({ value: m.user_id, display: m.name, type: 'User', $ref: `${baseUrl}/Users/${m.user_id}` })) } : {}),
    meta: {
      resourceType: 'Group',
      created: row.created_at,
      lastModified: row.updated_at > row.group_updated_at ? row.updated_at : row.group_updated_at,
      location: `${baseUrl}/Groups/${row.group_id}`,
      version: groupVersion(row),
    },
  };
}

export interface GroupInput {
  displayName: string;
  externalId: string | null;
  /** null: the request did not mention members (a PUT without them keeps none: RFC 7644 §3.5.1). */
  memberIds: string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readGroup(body: unknown): GroupInput {
  if (!isObject(body)) throw scimFail('INVALID_SYNTAX', 'A Group is a JSON object.');
  const displayName = body[keyOf(body, 'displayName')];
  if (typeof displayName !== 'string' || !displayName.trim()) throw scimFail('INVALID_VALUE', '"displayName" is required.');
  if (displayName.trim().length > 200) throw scimFail('INVALID_VALUE', '"displayName" is longer than 200 characters.');
  if (hasControlCharacter(displayName)) throw scimFail('INVALID_VALUE', '"displayName" contains a control character.');
  const externalId = body[keyOf(body, 'externalId')];
  if (externalId !== undefined && externalId !== null && (typeof externalId !== 'string' || externalId.length > 256 || hasControlCharacter(externalId))) {
    throw scimFail('INVALID_VALUE', '"externalId" is a string of at most 256 characters.');
  }
  const members = body[keyOf(body, 'members')] ?? [];
  if (!Array.isArray(members)) throw scimFail('INVALID_VALUE', '"members" is an array.');
  if (members.length > MAX_MEMBERS_PER_REQUEST) throw scimFail('TOO_MANY', `At most ${MAX_MEMBERS_PER_REQUEST} members per request.`);
  const memberIds = members.map((m) => {
    const value = isObject(m) ? m[keyOf(m, 'value')] : undefined;
    if (typeof value !== 'string' || !value || value.length > 64 || hasControlCharacter(value))
      throw scimFail('INVALID_VALUE', 'Each member is an object with the "value" of a User id.');
    return value;
  });
  return { displayName: displayName.trim(), externalId: externalId?.trim() || null, memberIds: [...new Set(memberIds)] };
}
