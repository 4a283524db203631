import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/database.js';
import type { Deps, RequestContext } from './deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** GET requests when a replica is configured: the database this request's list and detail reads use. */
    readDb: (() => Promise<Db>) | null;
  }
}

/**
 * The database a list, search or detail read of this request uses: the replica (deps.readDb) unless
 * the acting user changed something within READ_YOUR_WRITES_SECONDS, then the primary. Writes,
 * transactions, the session lookup and reads made after a change in the same request use
 * ctx.deps.db directly.
 */
export function readDbOf(ctx: RequestContext): Promise<Db> {
  return ctx.readDb ? ctx.readDb() : Promise.resolve(ctx.deps.db);
}

/** Who changed something recently: in this process, and in Redis (when configured) for every other process. */
export interface RecentWrites {
  /** The user changed something now. */
  mark(userId: string): Promise<void>;
  /** Whether the user changed something within the window; true when Redis cannot say (the primary is always right). */
  wroteRecently(userId: string): Promise<boolean>;
}

const REDIS_PREFIX = 'sofie-ryw:';
const SWEEP_AT = 10_000;

export function recentWrites(deps: Pick<Deps, 'clock' | 'redis' | 'logger'>, windowMs: number): RecentWrites {
  const local = new Map<string, number>();
  let redisDown = false;
  const redisFailed = (error: unknown) => {
    if (!redisDown) deps.logger.warn({ err: error }, 'read-your-writes: Redis unreachable; reads of users without a local record go to the primary');
    redisDown = true;
  };
  const redisWorked = () => {
    redisDown = false;
  };
  const recent = (wroteAt: number | undefined) => wroteAt !== undefined && deps.clock().getTime() - wroteAt < windowMs;
  return {
    async mark(userId) {
      const now = deps.clock().getTime();
      if (local.size >= SWEEP_AT) for (const [id, at] of local) if (!recent(at)) local.delete(id);
      local.set(userId, now);
      if (!deps.redis) return;
      // The window counts on this process's clock; Redis's own expiry only clears old keys away.
      await deps.redis.set(`${REDIS_PREFIX}${userId}`, String(now), 'PX', windowMs * 2).then(redisWorked, redisFailed);
    },
    async wroteRecently(userId) {
      if (recent(local.get(userId))) return true;
      if (!deps.redis) return false;
      try {
        const value = await deps.redis.get(`${REDIS_PREFIX}${userId}`);
        redisWorked();
        return value !== null && recent(Number(value));
      } catch (error) {
        redisFailed(error);
        return true;
      }
    },
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes with a read replica. A request by a signed-in user that may change something (any
 * method but GET, HEAD, OPTIONS, whatever its outcome) is recorded before its answer is sent, so the
 * user's next requests, in any process, see the change. A GET gets `request.readDb`, which asks once,
 * and only when a read uses it. Without a replica this plugin does nothing.
 */
export const readRoutingPlugin = fp(async (app: FastifyInstance, { deps }: { deps: Deps }) => {
  app.decorateRequest('readDb', null);
  if (deps.readDb === deps.db) return;
  const writes = recentWrites(deps, deps.config.readYourWritesMs);

  app.addHook('onRequest', async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    let chosen: Promise<Db> | null = null;
    request.readDb = () => {
      const actor = request.actor;
      chosen ??= actor ? writes.wroteRecently(actor.userId).then((wrote) => (wrote ? deps.db : deps.readDb)) : Promise.resolve(deps.readDb);
      return chosen;
    };
  });

  app.addHook('onSend', async (request) => {
    if (!SAFE.has(request.method) && request.actor) await writes.mark(request.actor.userId);
  });
});
