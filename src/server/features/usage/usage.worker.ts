import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { purgeExpiredUsage } from './usage.service.js';

const HOUR = 3_600_000;

/** Purges expired usage hourly (rollups once a day). Every process may run it: deletes are idempotent. */
export function startUsagePurge(deps: Deps, log: FastifyBaseLogger, intervalMs = HOUR): { stop(): void } {
  let lastRollupPurge = 0;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const rollups = Date.now() - lastRollupPurge > 24 * HOUR;
      const { events } = await purgeExpiredUsage(deps, { rollups });
      if (rollups) lastRollupPurge = Date.now();
      if (events > 0) log.info({ events }, 'usage: purged events past the retention window');
    } catch (error) {
      log.error({ err: error }, 'usage: purge failed; retrying next round');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), 30_000);
  const timer = setInterval(() => void tick(), intervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
