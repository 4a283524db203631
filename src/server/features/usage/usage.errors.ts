// Usage's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
import type { INGEST_REJECTIONS } from '../../../contracts/errors.js';
export { INGEST_REJECTIONS } from '../../../contracts/errors.js';
export type IngestRejectionCode = keyof typeof INGEST_REJECTIONS;
