// npm run bench: every benchmark in turn; each prints its own figures. Set BENCH_DATABASE_URL (or
// TEST_DATABASE_URL) to include PostgreSQL. Traffic stays in-process or on 127.0.0.1.
import { bundleServer } from '../scripts/bundle-server.mjs';
import { TEST_PROCESSES } from '../test/helpers/test-processes.js';
import audit from './audit.js';
import databaseOutage from './database-outage.js';
import fuzz from './fuzz.js';
import scale from './scale.js';
import offboarding from './offboarding.js';
import organizations from './organizations.js';
import passkeys from './passkeys.js';
import scim from './scim.js';
import usage from './usage.js';
import usersList from './users-list.js';
import workers from './workers.js';

const benches: [string, () => Promise<void>][] = [
  ['users-list', usersList],
  ['offboarding', offboarding],
  ['usage', usage],
  ['passkeys', passkeys],
  ['scim', scim],
  ['database-outage', databaseOutage],
  ['fuzz', fuzz],
  ['organizations', organizations],
  ['scale', scale],
  ['audit', audit],
  ['workers', workers],
];
const only = process.argv[2];
// The benches that start the server run the tests' bundle of it (dist/test-server): bundled from the
// current sources here, or a bench would measure whatever an earlier test run left there.
await bundleServer(TEST_PROCESSES, 'dist/test-server');
for (const [name, run] of benches) {
  if (!only || only === name) await run();
}
