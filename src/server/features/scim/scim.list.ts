// What every SCIM list shares: paging by startIndex/count (RFC 7644 §3.4.2.4), attribute projection
// (§3.4.2.5), ETag preconditions (§3.14), and the ListResponse envelope.
import { scimFail } from './scim.errors.js';
import type { Json } from './scim.patch.js';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** The most resources one page returns (ServiceProviderConfig filter.maxResults). */
export const MAX_RESULTS = 200;
export const DEFAULT_COUNT = 100;

export interface ListQuery {
  filter?: string;
  startIndex?: string | number;
  count?: string | number;
  attributes?: string;
  excludedAttributes?: string;
  sortBy?: string;
  sortOrder?: string;
}

function integer(value: string | number | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : /^-?\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw scimFail('INVALID_VALUE', `"${name}" is a whole number.`);
  return n;
}

/** startIndex below 1 counts as 1 and count below 0 as 0; count is capped at MAX_RESULTS (RFC 7644 §3.4.2.4). */
export function paging(query: ListQuery): { startIndex: number; offset: number; limit: number } {
  const startIndex = Math.max(1, integer(query.startIndex, 'startIndex') ?? 1);
  const limit = Math.min(MAX_RESULTS, Math.max(0, integer(query.count, 'count') ?? DEFAULT_COUNT));
  return { startIndex, offset: startIndex - 1, limit };
}

export function listResponse(resources: Json[], total: number, startIndex: number): Json {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

const ALWAYS = new Set(['id', 'schemas', 'meta']);
const EXTENSIONS = ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:user'];
const CORE_PREFIXES = ['urn:ietf:params:scim:schemas:core:2.0:user:', 'urn:ietf:params:scim:schemas:core:2.0:group:'];

/** `attributes` / `excludedAttributes` at the level of top-level attributes (a sub-attribute selects its parent). */
export function project(resource: Json, query: Pick<ListQuery, 'attributes' | 'excludedAttributes'>): Json {
  const names = (list?: string) =>
    (list ?? '')
      .split(',')
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean)
      .map((a) => {
        const extension = EXTENSIONS.find((u) => a === u || a.startsWith(`${u}:`));
        if (extension) return extension;
        const core = CORE_PREFIXES.find((p) => a.startsWith(p));
        return (core ? a.slice(core.length) : a).split('.')[0];
      });
  const include = names(query.attributes);
  const exclude = names(query.excludedAttributes);
  if (include.length === 0 && exclude.length === 0) return resource;
  const out: Json = {};
  for (const [key, value] of Object.entries(resource)) {
    const k = key.toLowerCase();
    if (ALWAYS.has(k) || (include.length > 0 ? include.includes(k) : !exclude.includes(k))) out[key] = value;
  }
  return out;
}

/** If-Match: a stale version is 412 (a `*` or an absent header passes). */
export function assertIfMatch(ifMatch: string | undefined, version: string): void {
  if (!ifMatch) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  const bare = (t: string) => t.replace(/^W\//, '');
  if (tags.includes('*') || tags.some((t) => bare(t) === bare(version))) return;
  throw scimFail('PRECONDITION_FAILED', `The resource is at version ${version}, not ${ifMatch}.`);
}
