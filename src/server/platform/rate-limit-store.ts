import { createRequire } from 'node:module';
import type { FastifyRateLimitOptions, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

interface Count {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result: Count | null) => void;
interface Store {
  incr(key: string, callback: Callback, timeWindow: number, max: number): void;
  read(key: string, callback: Callback, timeWindow: number, max: number): void;
  child(routeOptions: RouteOptions): Store;
}
interface RouteOptions {
  continueExceeding: boolean;
  exponentialBackoff: boolean;
  routeInfo: { method: string; url: string };
}

// The plugin's own stores: the Redis one is shared by every process, the local one is this process's.
const require = createRequire(import.meta.url);
type StoreConstructor = new (...args: unknown[]) => Store;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreConstructor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreConstructor;

/**
 * Rate limits through Redis while Redis answers; while it does not, through this process's own
 * counters, so sign-in stays limited (per process, with a warning) rather than failing or going
 * unlimited. Back on Redis as soon as it is ready again.
 */
export function fallbackRateLimitStore(redis: Redis, logger: FastifyBaseLogger, nameSpace: string): FastifyRateLimitStoreCtor {
  let usingFallback = false;
  const fallBack = (error: Error | null) => {
    if (!usingFallback) logger.warn({ err: error ?? undefined }, 'rate limits: Redis unavailable, counting in this process until it is back');
    usingFallback = true;
  };
  const recovered = () => {
    if (usingFallback) logger.info('rate limits: Redis is back, counting in Redis again');
    usingFallback = false;
  };

  class FallbackStore implements Store {
    private readonly shared: Store;
    private readonly local: Store;

    /** `options`: the plugin's global settings, or a route's (for child stores). */
    constructor(options: FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean }, shared?: Store, local?: Store) {
      this.shared = shared ?? new RedisStore(options.continueExceeding, options.exponentialBackoff, redis, nameSpace);
      this.local = local ?? new LocalStore(options.continueExceeding, options.exponentialBackoff);
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      this.route('incr', key, callback, timeWindow, max);
    }

    read(key: string, callback: Callback, timeWindow: number, max: number): void {
      this.route('read', key, callback, timeWindow, max);
    }

    child(routeOptions: RouteOptions): Store {
      return new FallbackStore(routeOptions, this.shared.child(routeOptions), this.local.child(routeOptions));
    }

    private route(method: 'incr' | 'read', key: string, callback: Callback, timeWindow: number, max: number): void {
      if (redis.status !== 'ready') {
        fallBack(null);
        this.local[method](key, callback, timeWindow, max);
        return;
      }
      this.shared[method](
        key,
        (error, result) => {
          if (error) {
            fallBack(error);
            this.local[method](key, callback, timeWindow, max);
            return;
          }
          recovered();
          callback(null, result);
        },
        timeWindow,
        max,
      );
    }
  }
  return FallbackStore as unknown as FastifyRateLimitStoreCtor;
}
