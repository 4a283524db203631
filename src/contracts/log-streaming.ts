import { Type } from 'typebox';
import { Iso, NullableIso, PageOf } from './common.js';

export const LogStreamDestination = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  createdAt: Iso,
  disabledAt: NullableIso,
  /** Batches waiting (or retrying): a destination that is down keeps its batches here until it is back. */
  pendingBatches: Type.Integer(),
  lastDeliveredAt: NullableIso,
  lastError: Type.Union([Type.String(), Type.Null()]),
});
/** Oldest first (created_at, then id, ascending). */
export const LogStreamDestinationList = PageOf(LogStreamDestination);
export const CreateLogStreamBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 1, maxLength: 2000 }),
});
/** The signing secret is shown once, at creation. */
export const CreatedLogStreamDestination = Type.Object({ ...LogStreamDestination.properties, secret: Type.String() });
