import type { FastifyBaseLogger } from 'fastify';

export interface BackgroundJob {
  /** Ask for a round soon (e.g. after a transaction that queued work commits). */
  kick(): void;
  /** No new rounds; resolves once the round in flight (if any) has finished. */
  stop(): Promise<void>;
}

export interface BackgroundJobOptions {
  intervalMs: number;
  /** Delay of the first round after start; defaults to one interval. */
  firstDelayMs?: number;
}

/**
 * Runs `round` periodically in this process: never two rounds at once, failures logged and retried
 * next round, and stop() waits for the round in flight so nothing touches a closed database. Every
 * job here is safe to run in several processes at once (claims or idempotent deletes).
 */
export function startBackgroundJob(name: string, logger: FastifyBaseLogger, round: () => Promise<unknown>, options: BackgroundJobOptions): BackgroundJob {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = round()
      .catch((error) => logger.error({ err: error, job: name }, `${name}: round failed; retrying next round`))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, options.firstDelayMs ?? options.intervalMs);
  const timer = setInterval(run, options.intervalMs);
  first.unref();
  timer.unref();
  return {
    kick: () => setImmediate(run),
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
