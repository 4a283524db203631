import { createInterface } from 'node:readline';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDeps } from '../../src/server/deps.factory.js';
import { ensureFirstOrganization } from '../../src/server/features/organizations/organizations.bootstrap.js';

/**
 * The server as src/server/main.ts starts it (same config, migrations, first organization, workers),
 * with one difference for browser tests about time: its clock can be moved forward. Each stdin line
 * "advance <ms>" moves it and is answered "clock <iso>" on stdout, so a test can make a session old
 * without waiting and without touching the database.
 */
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);

const config = loadConfig(process.env);
const opened = await openDeps(config, { clock });
const { deps } = opened;
const app = await buildApp(deps, { startWorkers: true });
const boot = await ensureFirstOrganization(deps);

createInterface({ input: process.stdin }).on('line', (line) => {
  const match = /^advance (\d+)$/.exec(line.trim());
  if (!match) return;
  offsetMs += Number(match[1]);
  console.log(`clock ${clock().toISOString()}`);
});
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => opened.close())
    .then(() => process.exit(0));
});

await app.listen({ port: config.port, host: config.host });
console.log(
  `\n  Sofie User Management (test clock) is running at ${config.publicUrl}\n  Sign in as ${boot.adminEmail} with this one-time link:\n  ${boot.signInUrl ?? ''}\n`,
);
