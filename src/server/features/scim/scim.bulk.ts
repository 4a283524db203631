// /Bulk (RFC 7644 §3.7): many operations in one request, each done as its own request would be (its
// own transaction, guardrails and audit), in the order sent. `bulkId:…` in a path or a value names a
// resource an earlier operation of the same request created; `failOnErrors` stops after that many
// errors. An operation that names a bulkId not created before it fails (no reordering, no cycles).
import { AppError } from '../../platform/errors.js';
import { scimFail } from './scim.errors.js';
import { errorBody } from './scim.http.js';
import { createGroup, deleteGroup, getGroup, patchGroup, replaceGroup } from './scim.groups.js';
import type { Json } from './scim.patch.js';
import { createUser } from './scim.users.js';
import type { Ctx } from './scim.users-link.js';
import { deleteUser, patchUser, replaceUser } from './scim.users-write.js';

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
/** Operations one /Bulk request may carry (ServiceProviderConfig bulk.maxOperations). */
export const MAX_BULK_OPERATIONS = 1000;

interface Operation {
  method: string;
  path: string;
  bulkId?: string;
  version?: string;
  data?: unknown;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function readBulk(body: unknown): { operations: Operation[]; failOnErrors: number } {
  if (!isObject(body) || !Array.isArray(body.Operations)) throw scimFail('INVALID_SYNTAX', 'A BulkRequest has an "Operations" array.');
  if (body.Operations.length > MAX_BULK_OPERATIONS)
    throw scimFail('BULK_TOO_LARGE', `At most ${MAX_BULK_OPERATIONS} operations per /Bulk request (RFC 7644 §3.7.4).`);
  const failOnErrors = body.failOnErrors === undefined ? Infinity : body.failOnErrors;
  if (typeof failOnErrors !== 'number' || !(failOnErrors >= 1)) throw scimFail('INVALID_VALUE', '"failOnErrors" is a whole number of at least 1.');
  const operations = body.Operations.map((op: unknown, i: number) => {
    if (!isObject(op) || typeof op.method !== 'string' || typeof op.path !== 'string' || op.path.length > 200) {
      throw scimFail('INVALID_SYNTAX', `Operation ${i + 1} needs a "method" and a "path".`);
    }
    if (op.bulkId !== undefined && (typeof op.bulkId !== 'string' || !op.bulkId || op.bulkId.length > 100)) {
      throw scimFail('INVALID_VALUE', `Operation ${i + 1}: "bulkId" is a short string.`);
    }
    return {
      method: op.method.toUpperCase(),
      path: op.path,
      bulkId: op.bulkId,
      version: typeof op.version === 'string' ? op.version : undefined,
      data: op.data,
    };
  });
  return { operations, failOnErrors };
}

/** Replaces every "bulkId:X" (a whole string) with the id X's operation created. */
function resolve<T>(value: T, created: Map<string, string>): T {
  if (typeof value === 'string' && value.startsWith('bulkId:')) {
    const id = created.get(value.slice(7));
    if (!id) throw scimFail('INVALID_VALUE', `"${value}" names no resource an earlier operation of this request created.`);
    return id as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => resolve(v, created)) as T;
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, created)])) as T;
  return value;
}

async function run(ctx: Ctx, op: Operation, created: Map<string, string>): Promise<{ status: number; location?: string; version?: string }> {
  const path = resolve(op.path, created);
  const data = resolve(op.data, created);
  const match = /^\/(Users|Groups)(?:\/([^/?#]{1,64}))?$/.exec(path);
  if (!match) throw scimFail('INVALID_PATH', `"${op.path}" is not /Users, /Groups or one of their resources.`);
  const [, type, id] = match;
  const meta = (r: Json) => r.meta as { location: string; version: string };
  if (op.method === 'POST' && !id) {
    const resource = type === 'Users' ? (await createUser(ctx, data)).resource : await createGroup(ctx, data);
    if (op.bulkId) created.set(op.bulkId, String(resource.id));
    return { status: 201, location: meta(resource).location, version: meta(resource).version };
  }
  if (!id) throw scimFail('INVALID_PATH', `${op.method} needs a resource: /${type}/{id}.`);
  if (op.method === 'DELETE') {
    await (type === 'Users' ? deleteUser(ctx, id, op.version) : deleteGroup(ctx, id, op.version));
    return { status: 204 };
  }
  let resource: Json;
  if (op.method === 'PUT') resource = await (type === 'Users' ? replaceUser(ctx, id, data, op.version) : replaceGroup(ctx, id, data, op.version));
  else if (op.method === 'PATCH' && type === 'Users') resource = await patchUser(ctx, id, data, op.version);
  else if (op.method === 'PATCH') {
    await patchGroup(ctx, id, data, op.version);
    resource = await getGroup(ctx, id, { excludedAttributes: 'members' });
  } else throw scimFail('INVALID_SYNTAX', `"${op.method}" is not a bulk method (POST, PUT, PATCH, DELETE).`);
  return { status: 200, location: meta(resource).location, version: meta(resource).version };
}

export async function bulk(ctx: Ctx, body: unknown, onError: (detail: string) => void): Promise<Json> {
  const { operations, failOnErrors } = readBulk(body);
  const created = new Map<string, string>();
  const results: Json[] = [];
  let errors = 0;
  for (const op of operations) {
    if (errors >= failOnErrors) break;
    const base = { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}) };
    try {
      const { status, location, version } = await run(ctx, op, created);
      results.push({ ...base, ...(location ? { location } : {}), ...(version ? { version } : {}), status: String(status) });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      errors++;
      const scimType = (error.details as { scimType?: string } | undefined)?.scimType;
      onError(`${op.method} ${op.path}: ${error.message}`);
      results.push({ ...base, status: String(error.status), response: errorBody(error.status, error.message, scimType) });
    }
  }
  return { schemas: [BULK_RESPONSE_SCHEMA], Operations: results };
}
