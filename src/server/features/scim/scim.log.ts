// The log of recent provisioning requests, per organization, for an administrator debugging a failing
// sync (Integrations → Provisioning). One row per authenticated /scim/v2 change or failure: when, which token,
// method, path (with its query: filters name people, never secrets), what it did to which resource,
// the status, and the error's detail or what a guardrail refused. Bodies are never kept. Bounded:
// rows older than LOG_RETENTION_DAYS, and beyond the newest LOG_MAX_ROWS, are pruned as rows come in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { ScimRequestPage, ScimRequestQuery } from '../../../contracts/scim.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps, type RequestContext } from '../../platform/deps.js';
import { fail } from '../../platform/errors.js';
import { SCIM_ERRORS } from './scim.errors.js';
import type { ScimRequestRow } from './scim.table.js';

export const LOG_RETENTION_DAYS = 30;
export const LOG_MAX_ROWS = 10_000;
/** Prune once per this many rows written by a process (a range delete on an index, not per request). */
const PRUNE_EVERY = 250;
const MAX_PATH = 500;
const MAX_DETAIL = 1000;

/** What a request's handling wants the log to say besides its status: the error, or what a guardrail refused. */
const notes = new WeakMap<FastifyRequest, string[]>();
const requestOf = new WeakMap<object, FastifyRequest>();

/** Ties a request context to its request, so the service can leave notes for the log. */
export function bindContext<T extends object>(ctx: T, request: FastifyRequest): T {
  requestOf.set(ctx, request);
  return ctx;
}

export function noteFor(ctxOrRequest: object, text: string): void {
  const request = requestOf.get(ctxOrRequest) ?? (ctxOrRequest as FastifyRequest);
  notes.set(request, [...(notes.get(request) ?? []), text]);
}

function operationOf(method: string, path: string): { operation: string; resourceType: string | null; id: string | null } {
  const parts = path
    .replace(/^\/scim\/v2/, '')
    .split('/')
    .filter(Boolean);
  const [collection, id] = parts;
  const resourceType = collection === 'Users' ? 'User' : collection === 'Groups' ? 'Group' : null;
  if (id === '.search' || collection === '.search') return { operation: 'search', resourceType, id: null };
  if (!resourceType) return { operation: collection ? collection.toLowerCase() : 'root', resourceType: null, id: null };
  const verbs: Record<string, string> = { GET: id ? 'get' : 'list', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' };
  return { operation: verbs[method] ?? method.toLowerCase(), resourceType, id: id ?? null };
}

/** The `detail` of a SCIM error body (RFC 7644 §3.12) on its way out. */
function errorDetail(payload: unknown): string {
  try {
    const body = JSON.parse(typeof payload === 'string' ? payload : '') as { detail?: unknown; scimType?: unknown };
    if (typeof body.detail === 'string') return typeof body.scimType === 'string' ? `${body.scimType}: ${body.detail}` : body.detail;
  } catch {
    // not a SCIM error body
  }
  return 'No detail.';
}

/** The onSend hook of /scim/v2: one row per authenticated request, written before the response leaves. */
export function requestLogger(deps: Deps) {
  let written = 0;
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const actor = request.actor;
    if (!actor) return payload; // unauthenticated: no organization to file it under
    // Successful reads (the lookups a client makes before each change) are not kept: they would crowd
    // out the changes and failures an administrator looks for, and cost a write on the hottest path.
    const read = request.method === 'GET' || request.url.split('?')[0].endsWith('/.search');
    if (read && reply.statusCode < 400) return payload;
    const path = request.url.slice(0, MAX_PATH);
    const { operation, resourceType, id } = operationOf(request.method, request.url.split('?')[0]);
    const location = reply.getHeader('location');
    const createdId = typeof location === 'string' ? location.split('/').pop()! : null;
    const status = reply.statusCode;
    const said = status >= 400 ? [errorDetail(payload)] : (notes.get(request) ?? []);
    const row: ScimRequestRow = {
      id: deps.newId(),
      organization_id: actor.organizationId,
      token_id: actor.userId,
      token_label: actor.credentialLabel ?? actor.name,
      created_at: nowIso(deps),
      method: request.method,
      path,
      operation,
      resource_type: resourceType,
      resource_id: id ?? createdId,
      status,
      outcome: status >= 400 ? 'failure' : said.length > 0 ? 'warning' : 'success',
      detail: said.length > 0 ? said.join(' ').slice(0, MAX_DETAIL) : null,
      duration_ms: Math.round(reply.elapsedTime),
    };
    try {
      await writeRow(deps, row);
      if (++written % PRUNE_EVERY === 0) await pruneScimRequests(deps.db, actor.organizationId, deps.clock());
    } catch (error) {
      request.log.warn({ err: error }, 'could not record the SCIM request in the provisioning log');
    }
    return payload;
  };
}

/**
 * The row is debugging data, written on every request before the answer leaves: on PostgreSQL its
 * commit does not wait for the WAL flush (a crash may lose the last few rows, never a change's audit).
 */
async function writeRow(deps: Deps, row: ScimRequestRow): Promise<void> {
  if (deps.dialect !== 'postgres') {
    await deps.db.insertInto('scim_requests').values(row).execute();
    return;
  }
  await deps.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
    await trx.insertInto('scim_requests').values(row).execute();
  });
}

/** Drops the organization's rows older than the retention, and beyond the newest `maxRows`. Returns how many. */
export async function pruneScimRequests(db: DbOrTrx, organizationId: string, now: Date, maxRows = LOG_MAX_ROWS): Promise<number> {
  const cutoff = new Date(now.getTime() - LOG_RETENTION_DAYS * 86_400_000).toISOString();
  const old = await db.deleteFrom('scim_requests').where('organization_id', '=', organizationId).where('created_at', '<', cutoff).executeTakeFirst();
  let removed = Number(old.numDeletedRows);
  const edge = await db
    .selectFrom('scim_requests')
    .select(['created_at', 'id'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(maxRows - 1)
    .limit(1)
    .executeTakeFirst();
  if (edge) {
    const over = await db
      .deleteFrom('scim_requests')
      .where('organization_id', '=', organizationId)
      .where((eb) => eb.or([eb('created_at', '<', edge.created_at), eb.and([eb('created_at', '=', edge.created_at), eb('id', '<', edge.id)])]))
      .executeTakeFirst();
    removed += Number(over.numDeletedRows);
  }
  return removed;
}

function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through
  }
  throw fail(SCIM_ERRORS, 'SCIM_LOG_CURSOR_INVALID');
}

/** Newest first, keyset-paged on (time, id); `outcome` narrows to failures (or warnings, or successes). */
export async function listScimRequests(ctx: RequestContext, query: Static<typeof ScimRequestQuery>): Promise<Static<typeof ScimRequestPage>> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor);
  let q = ctx.deps.db.selectFrom('scim_requests').selectAll().where('organization_id', '=', ctx.organizationId);
  if (query.outcome && query.outcome !== 'all') q = q.where('outcome', '=', query.outcome);
  if (after) q = q.where((eb) => eb.or([eb('created_at', '<', after[0]), eb.and([eb('created_at', '=', after[0]), eb('id', '<', after[1])])]));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.created_at,
      token: r.token_id ? { id: r.token_id, label: r.token_label ?? '' } : null,
      method: r.method,
      path: r.path,
      operation: r.operation,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      status: r.status,
      outcome: r.outcome,
      detail: r.detail,
      durationMs: r.duration_ms,
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.created_at, last.id])).toString('base64url') : null,
  };
}
