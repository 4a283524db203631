import { Type, type Static, type TSchema } from 'typebox';

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Any()),
    requestId: Type.Optional(Type.String()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** A business reason for a change; whether it is required is an organization setting. */
export const Reason = Type.Optional(Type.String({ maxLength: 1000 }));

export const ReasonBody = Type.Object({ reason: Reason });

export const Iso = Type.String({ description: 'ISO 8601 timestamp (UTC)' });
export const NullableIso = Type.Union([Iso, Type.Null()]);

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** A redirect answer (no body), described for the API document. */
export const Redirect = (description: string) => Type.Null({ description });

/** The header of a route that honours retries: the same key and body answer the stored result once more. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'Idempotency-Key: a retry with the same key and body replays the first answer instead of acting twice; the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED).',
    }),
  ),
});

/** Keyset pages: `limit` items (default 50, at most 200) after `cursor`, the opaque key of the last item seen. */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;
/**
 * A list's `limit` query parameter: its default and maximum are in the schema (the validator fills the
 * default in, so it is the one the route applies) and in the description the API document shows.
 */
export const PageLimit = ({ max = PAGE_LIMIT_MAX, byDefault = PAGE_LIMIT_DEFAULT }: { max?: number; byDefault?: number } = {}) =>
  Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: byDefault, description: `How many items a page holds (1–${max}, default ${byDefault}).` }));
/**
 * The query of a keyset-paged list: `limit` items after `cursor`, the opaque `nextCursor` of the page
 * before. Each list states its own stable order (always ending on the id).
 */
export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'The nextCursor of the previous page; absent for the first page.' })),
  limit: PageLimit(),
});
export type PageQuery = Static<typeof PageQuery>;
/** The cursor of the next page, or null on the last page. */
export const NextCursor = Type.Union([Type.String(), Type.Null()]);

/** One page of a list: its items and the cursor of the next page, or null on the last. */
export const PageOf = <T extends TSchema>(item: T, description?: string) =>
  Type.Object({ items: Type.Array(item), nextCursor: NextCursor }, description ? { description } : {});
