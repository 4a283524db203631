import { api, type RequestOptions } from './api';
import type { components, paths } from './api-types.generated';

// The console's typed API calls: the address, parameters, body and answer of each call are checked
// against the types generated from the served OpenAPI document (npm run api:types), so the console and
// the API cannot drift. Requests still go through `api()`: error codes, step-up and request ids as before.
//
//   call('get', '/api/groups/{id}', { path: { id } })            → Promise<GroupDetail>
//   call('post', '/api/groups', { body: { name } })              → the body is type-checked too

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A named schema of the document: `Schema<'Role'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The addresses that take this method. */
export type PathsWith<M extends Method> = { [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P }[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : R extends { content: Record<string, infer Other> } ? Other : unknown;

/** What a successful answer (200, 201 or 202) carries. */
export type Answer<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? { [S in keyof R]: S extends 200 | 201 | 202 ? JsonOf<R[S]> : never }[keyof R] : never;

type Parameters<O> = O extends { parameters: infer X } ? X : never;
type Present<X> = [NonNullable<X>] extends [never] ? false : true;
type PathPart<O> =
  Present<Parameters<O>['path' & keyof Parameters<O>]> extends true ? { path: NonNullable<Parameters<O>['path' & keyof Parameters<O>]> } : { path?: never };
type QueryPart<O> =
  Present<Parameters<O>['query' & keyof Parameters<O>]> extends true
    ? Partial<NonNullable<Parameters<O>['query' & keyof Parameters<O>]>> extends NonNullable<Parameters<O>['query' & keyof Parameters<O>]>
      ? { query?: NonNullable<Parameters<O>['query' & keyof Parameters<O>]> }
      : { query: NonNullable<Parameters<O>['query' & keyof Parameters<O>]> }
    : { query?: never };
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type BodyPart<O> = [BodyOf<O>] extends [never] ? { body?: never } : { body: BodyOf<O> };

/** What a call takes besides its address: path parameters, query, body, headers (all type-checked but headers). */
export type CallInit<P extends keyof paths, M extends Method> = PathPart<Operation<P, M>> &
  QueryPart<Operation<P, M>> &
  BodyPart<Operation<P, M>> &
  Pick<RequestOptions, 'headers' | 'noStepUp'>;

/** The address with its `{name}` parameters filled in, each encoded. */
export function fillPath(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} of ${template}`);
    return encodeURIComponent(String(value));
  });
}

/** One typed API call. */
export function call<M extends Method, P extends PathsWith<M>>(
  method: M,
  path: P,
  ...[init]: object extends CallInit<P, M> ? [CallInit<P, M>?] : [CallInit<P, M>]
): Promise<Answer<P, M>> {
  const options = (init ?? {}) as { path?: Record<string, string>; query?: RequestOptions['query']; body?: unknown } & Pick<
    RequestOptions,
    'headers' | 'noStepUp'
  >;
  return api<Answer<P, M>>(fillPath(path, options.path), {
    method: method.toUpperCase() as RequestOptions['method'],
    query: options.query,
    body: options.body,
    headers: options.headers,
    noStepUp: options.noStepUp,
  });
}

/**
 * Every item of a keyset-paged list (`{ items, nextCursor }`), following the cursors page by page: for
 * the short lists a select or a lookup needs whole (roles, groups). Stops after `max` items.
 */
export async function everyPage<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, max = Infinity): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}
