import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { purgeExpiredUsage } from './usage.retention.js';

const DAY = 86_400_000;

/** One retention round: raw events past the window every round, rollups at most once a day. */
export function usagePurgeRound(deps: Deps, logger: FastifyBaseLogger): () => Promise<void> {
  let lastRollupPurge = 0;
  return async () => {
    const now = deps.clock().getTime();
    const rollups = now - lastRollupPurge > DAY;
    const { events } = await purgeExpiredUsage(deps, { rollups });
    if (rollups) lastRollupPurge = now;
    if (events > 0) logger.info({ events }, 'usage: purged events past the retention window');
  };
}
