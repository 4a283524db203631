import { randomBytes } from 'node:crypto';

/**
 * PostgreSQL tests each run in a schema of their own, named after the test run. Schemas are dropped
 * once, when the run ends (test/helpers/pg-global-setup.ts), never while other files still run:
 * Kysely's migrator introspects every schema, and a schema dropped mid-introspection fails it.
 */
export function testSchemaName(kind = 't'): string {
  return `${kind}_${process.env.SOFIE_TEST_RUN ?? 'adhoc'}_${randomBytes(6).toString('hex')}`;
}
