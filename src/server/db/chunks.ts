/** Rows per statement when a list of ids goes into `IN (...)`: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** Splits a list into statement-sized parts. */
export function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
