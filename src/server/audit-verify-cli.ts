// `npm run audit:verify [-- --org <id>]`: recomputes the audit hash chain of one organization, or of
// every organization, on the configured database (DATABASE_URL), and names the first broken link.
// Exit code 0: every chain verifies; 1: a chain is broken; 2: bad usage or configuration.
import { parseArgs } from 'node:util';
import type { ChainVerification } from '../contracts/audit.js';
import { ConfigError, loadConfig } from './config.js';
import { openDeps } from './deps.factory.js';
import { verifyChain } from './features/audit/index.js';

function line(v: ChainVerification): string {
  const counts = `${v.checked} chained, ${v.legacyEvents} before the chain, ${v.redactedEvents} erased by purges`;
  if (v.ok) return `${v.organizationId}  ok      ${counts}; head ${v.head.seq} ${v.head.hash.slice(0, 16)}…`;
  const at = v.firstBroken!;
  return `${v.organizationId}  BROKEN  ${at.kind} at ${at.eventId ? `event ${at.eventId} (link ${at.seq})` : 'the head'}: ${at.message}`;
}

async function main(): Promise<number> {
  let values: { org?: string };
  try {
    ({ values } = parseArgs({ args: process.argv.slice(2), options: { org: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run audit:verify [-- --org <organization id>]`);
    return 2;
  }
  let opened: Awaited<ReturnType<typeof openDeps>> | null = null;
  try {
    opened = await openDeps(loadConfig(process.env, { logLevel: 'warn' }));
    const db = opened.deps.db;
    const orgs = values.org ? [values.org] : (await db.selectFrom('organizations').select('id').orderBy('id').execute()).map((o) => o.id);
    let brokenCount = 0;
    for (const org of orgs) {
      const v = await verifyChain(db, org);
      if (!v.ok) brokenCount++;
      console.log(line(v));
    }
    console.log(`${orgs.length} organization${orgs.length === 1 ? '' : 's'} checked, ${brokenCount} broken`);
    return brokenCount === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await opened?.close();
  }
}

process.exitCode = await main();
