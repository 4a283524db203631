import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../deps.js';
import { deliverDueMail } from './mail.service.js';

export interface MailWorker {
  /** Ask for a delivery round soon (after a transaction that queued mail commits). */
  kick(): void;
  stop(): Promise<void>;
}

export function startMailWorker(deps: Deps, logger: FastifyBaseLogger, intervalMs = 1000): MailWorker {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const round = () => {
    if (running || stopped) return;
    running = deliverDueMail(deps, logger)
      .catch((error) => logger.error({ err: error }, 'mail delivery round failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return {
    kick: () => setImmediate(round),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
