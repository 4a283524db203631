// Discovery (RFC 7644 §4): what this service provider supports, with its real limits, and the
// schemas (RFC 7643 §7) of the attributes it stores.
import { MAX_BULK_OPERATIONS } from './scim.bulk.js';
import { scimFail } from './scim.errors.js';
import { GROUP_SCHEMA } from './scim.group-resource.js';
import { LIST_RESPONSE_SCHEMA, MAX_RESULTS } from './scim.list.js';
import { MAX_PATCH_OPERATIONS, type Json } from './scim.patch.js';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from './scim.user-resource.js';

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
/** Largest request body /scim/v2 reads. */
export const SCIM_MAX_BODY_BYTES = 5 * 1024 * 1024;

export function serviceProviderConfig(baseUrl: string, requestsPerMinute: number): Json {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: 'https://github.com/sofie/user-management#scim-provisioning',
    patch: { supported: true },
    bulk: { supported: true, maxOperations: MAX_BULK_OPERATIONS, maxPayloadSize: SCIM_MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: `A SCIM token from Integrations → Provisioning, sent as "Authorization: Bearer scim_…". ${requestsPerMinute} requests per minute per token; at most ${MAX_PATCH_OPERATIONS} PATCH operations and ${SCIM_MAX_BODY_BYTES / 1024 / 1024} MB per request.`,
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

type Attr = Json;
function attr(name: string, type: string, extra: Partial<Attr> = {}): Attr {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...(type === 'string' ? {} : {}),
    ...extra,
  };
}
const complex = (name: string, subAttributes: Attr[], extra: Partial<Attr> = {}) => attr(name, 'complex', { subAttributes, ...extra });
const multi = (name: string, subAttributes: Attr[]) => complex(name, subAttributes, { multiValued: true });
const typed = (name: string) => multi(name, [attr('value', 'string'), attr('display', 'string'), attr('type', 'string'), attr('primary', 'boolean')]);

const USER_ATTRIBUTES: Attr[] = [
  attr('userName', 'string', { required: true, uniqueness: 'server' }),
  complex(
    'name',
    ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => attr(n, 'string')),
  ),
  attr('displayName', 'string'),
  ...['nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'].map((n) =>
    attr(n, n === 'profileUrl' ? 'reference' : 'string'),
  ),
  attr('active', 'boolean'),
  typed('emails'),
  typed('phoneNumbers'),
  typed('ims'),
  typed('photos'),
  multi(
    'addresses',
    ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'].map((n) => attr(n, 'string')).concat(attr('primary', 'boolean')),
  ),
  multi('groups', [
    attr('value', 'string', { mutability: 'readOnly' }),
    attr('$ref', 'reference', { mutability: 'readOnly' }),
    attr('display', 'string', { mutability: 'readOnly' }),
  ]),
];
const ENTERPRISE_ATTRIBUTES: Attr[] = [
  ...['employeeNumber', 'costCenter', 'organization', 'division', 'department'].map((n) => attr(n, 'string')),
  complex('manager', [attr('value', 'string'), attr('$ref', 'reference'), attr('displayName', 'string', { mutability: 'readOnly' })]),
];
const GROUP_ATTRIBUTES: Attr[] = [
  attr('displayName', 'string', { required: true, uniqueness: 'server' }),
  multi('members', [
    attr('value', 'string', { mutability: 'immutable' }),
    attr('$ref', 'reference', { mutability: 'immutable' }),
    attr('display', 'string', { mutability: 'readOnly' }),
    attr('type', 'string', { mutability: 'immutable' }),
  ]),
];

function schemaResource(id: string, name: string, description: string, attributes: Attr[], baseUrl: string): Json {
  return { schemas: [SCHEMA_SCHEMA], id, name, description, attributes, meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` } };
}

export function schemas(baseUrl: string): Json[] {
  return [
    schemaResource(USER_SCHEMA, 'User', 'User Account', USER_ATTRIBUTES, baseUrl),
    schemaResource(ENTERPRISE_SCHEMA, 'EnterpriseUser', 'Enterprise User', ENTERPRISE_ATTRIBUTES, baseUrl),
    schemaResource(GROUP_SCHEMA, 'Group', 'Group (a cohort: grants no permission)', GROUP_ATTRIBUTES, baseUrl),
  ];
}

export function resourceTypes(baseUrl: string): Json[] {
  const type = (id: string, endpoint: string, schema: string, extensions: Json[]) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id,
    name: id,
    endpoint,
    schema,
    schemaExtensions: extensions,
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${id}` },
  });
  return [type('User', '/Users', USER_SCHEMA, [{ schema: ENTERPRISE_SCHEMA, required: false }]), type('Group', '/Groups', GROUP_SCHEMA, [])];
}

export function asList(resources: Json[]): Json {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

export function byId(resources: Json[], id: string, what: string): Json {
  const found = resources.find((r) => String(r.id).toLowerCase() === id.toLowerCase());
  if (!found) throw scimFail('RESOURCE_NOT_FOUND', `No ${what} "${id}".`);
  return found;
}
