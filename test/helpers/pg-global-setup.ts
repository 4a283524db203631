import pg from 'pg';

/** Drops every schema this test run created (see pg-schemas.ts). */
export default function setup() {
  return async function teardown() {
    const url = process.env.TEST_DATABASE_URL;
    const run = process.env.SOFIE_TEST_RUN;
    if (!url || !run) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`%\\_${run}\\_%`]);
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    await client.end();
  };
}
