// A SCIM User (RFC 7643 §4.1 + the enterprise extension §4.3) to and from the product's fields.
// The product keeps one address per person: `emails` holds it (primary); other addresses an identity
// provider sends are not kept. `displayName` (or name.formatted, or given + family) is the name the
// console shows; the other core attributes are stored as sent and returned as stored.
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { hasControlCharacter, scimFail } from './scim.errors.js';
import { isTrue } from './scim.patch-apply.js';
import { keyOf, scalarText, type Json, type PatchSchema } from './scim.patch.js';
import type { ScimUserView } from './scim.repository.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export const USER_PATCH_SCHEMA: PatchSchema = {
  multiValued: new Set(['emails', 'phonenumbers', 'addresses', 'ims', 'photos', 'entitlements', 'roles', 'x509certificates']),
  readOnly: new Set(['id', 'meta', 'groups']),
  extensions: [ENTERPRISE_SCHEMA],
  coreUrn: USER_SCHEMA,
};

/** Core attributes kept as sent (beyond the ones the product uses itself). */
const PROFILE_ATTRIBUTES = [
  'nickName',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'profileUrl',
  'phoneNumbers',
  'addresses',
  'ims',
  'photos',
];
const NAME_EXTRAS = ['middleName', 'honorificPrefix', 'honorificSuffix'];
const ENTERPRISE_ATTRIBUTES = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'];
/** Stored JSON per user: generous for real profiles, small enough that nobody stores files in it. */
const MAX_STORED_JSON = 16_384;

export interface UserInput {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  name: string;
  email: string;
  emailNormalized: string;
  emailType: string | null;
  /** undefined: not said (a POST means active). */
  active: boolean | undefined;
  profile: Json;
  enterprise: Json | null;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(value: unknown, attr: string, max = 256): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw scimFail('INVALID_VALUE', `"${attr}" is a string.`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw scimFail('INVALID_VALUE', `"${attr}" is longer than ${max} characters.`);
  if (hasControlCharacter(trimmed)) throw scimFail('INVALID_VALUE', `"${attr}" contains a control character.`);
  return trimmed || null;
}

function get(obj: Json, name: string): unknown {
  return obj[keyOf(obj, name)];
}

function pick(obj: Json, names: readonly string[]): Json {
  const out: Json = {};
  for (const name of names) {
    const value = get(obj, name);
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

function boundedJson(value: Json, attr: string): Json {
  if (JSON.stringify(value).length > MAX_STORED_JSON) throw scimFail('INVALID_VALUE', `"${attr}" is too large (over ${MAX_STORED_JSON} bytes).`);
  return value;
}

/** Entra sends booleans as "True"/"False". */
function bool(value: unknown, attr: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === false) return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw scimFail('INVALID_VALUE', `"${attr}" is true or false.`);
}

function primaryEmail(body: Json, userName: string): { value: string; type: string | null } {
  const emails = get(body, 'emails');
  if (emails !== undefined && emails !== null && !Array.isArray(emails)) throw scimFail('INVALID_VALUE', '"emails" is an array.');
  const list = (emails ?? []).filter(isObject);
  const chosen = list.find((e) => isTrue(get(e, 'primary'))) ?? list.find((e) => scalarText(get(e, 'type') ?? '').toLowerCase() === 'work') ?? list[0];
  const value = chosen ? text(get(chosen, 'value'), 'emails.value', 320) : null;
  if (value) return { value, type: text(get(chosen, 'type'), 'emails.type', 40) };
  if (isValidEmail(userName)) return { value: userName, type: 'work' };
  throw scimFail('INVALID_VALUE', 'A user needs an email address: send "emails" or a userName that is an email address.');
}

/** Reads a full User (POST, PUT, or the result of a PATCH); 400 invalidValue naming what is wrong. */
export function readUser(body: unknown): UserInput {
  if (!isObject(body)) throw scimFail('INVALID_SYNTAX', 'A User is a JSON object.');
  const userName = text(get(body, 'userName'), 'userName');
  if (!userName) throw scimFail('INVALID_VALUE', '"userName" is required.');
  const nameObj = get(body, 'name');
  if (nameObj !== undefined && nameObj !== null && !isObject(nameObj)) throw scimFail('INVALID_VALUE', '"name" is an object.');
  const name = isObject(nameObj) ? nameObj : {};
  const givenName = text(get(name, 'givenName'), 'name.givenName');
  const familyName = text(get(name, 'familyName'), 'name.familyName');
  const email = primaryEmail(body, userName);
  if (!isValidEmail(email.value)) throw scimFail('INVALID_VALUE', `"${email.value}" is not a valid email address.`);
  const display =
    text(get(body, 'displayName'), 'displayName') ??
    text(get(name, 'formatted'), 'name.formatted') ??
    ([givenName, familyName].filter(Boolean).join(' ') || email.value.split('@')[0]);
  const enterpriseRaw = get(body, ENTERPRISE_SCHEMA);
  if (enterpriseRaw !== undefined && enterpriseRaw !== null && !isObject(enterpriseRaw))
    throw scimFail('INVALID_VALUE', `"${ENTERPRISE_SCHEMA}" is an object.`);
  const enterprise = isObject(enterpriseRaw) ? pick(enterpriseRaw, ENTERPRISE_ATTRIBUTES) : null;
  const manager = enterprise?.manager;
  if (enterprise && manager !== undefined)
    enterprise.manager = isObject(manager) ? pick(manager, ['value', '$ref', 'displayName']) : { value: scalarText(manager) };
  return {
    userName,
    externalId: text(get(body, 'externalId'), 'externalId'),
    givenName,
    familyName,
    name: display,
    email: email.value,
    emailNormalized: normalizeEmail(email.value),
    emailType: email.type,
    active: bool(get(body, 'active'), 'active'),
    profile: boundedJson(
      { ...pick(body, PROFILE_ATTRIBUTES), ...(Object.keys(pick(name, NAME_EXTRAS)).length ? { name: pick(name, NAME_EXTRAS) } : {}) },
      'profile',
    ),
    enterprise: enterprise && Object.keys(enterprise).length ? boundedJson(enterprise, ENTERPRISE_SCHEMA) : null,
  };
}

export function userVersion(row: Pick<ScimUserView, 'version' | 'user_version'>): string {
  return `W/"${row.user_version}.${row.version}"`;
}

/** The User as GET returns it. */
export function userResource(row: ScimUserView, groups: { id: string; name: string }[], baseUrl: string): Json {
  const profile = JSON.parse(row.profile) as Json;
  const { name: nameExtras, ...rest } = profile as { name?: Json };
  const enterprise = row.enterprise ? (JSON.parse(row.enterprise) as Json) : null;
  const lastModified = row.updated_at > row.user_updated_at ? row.updated_at : row.user_updated_at;
  return {
    schemas: enterprise ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.user_id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.user_name,
    name: {
      ...(row.given_name ? { givenName: row.given_name } : {}),
      ...(row.family_name ? { familyName: row.family_name } : {}),
      formatted: row.name,
      ...nameExtras,
    },
    displayName: row.name,
    emails: [{ value: row.email, type: row.email_type ?? 'work', primary: true }],
    active: row.status === 'active',
    ...rest,
    groups: groups.map((g) => ({ value: g.id, display: g.name, $ref: `${baseUrl}/Groups/${g.id}` })),
    ...(enterprise ? { [ENTERPRISE_SCHEMA]: enterprise } : {}),
    meta: { resourceType: 'User', created: row.created_at, lastModified, location: `${baseUrl}/Users/${row.user_id}`, version: userVersion(row) },
  };
}
