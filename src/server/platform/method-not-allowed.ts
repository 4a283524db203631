import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The methods some route answers at this path (empty when no route has the path at all). */
    allowedMethods(path: string): string[];
  }
}

/** A route's address as a pattern: `:param` matches one segment, a trailing `*` the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Remembers every route's address and methods, so that a request with a method an address does not
 * take is answered 405 with `Allow` (RFC 9110 §15.5.6) instead of 404: the address exists.
 */
export const methodNotAllowedPlugin = fp(async (app: FastifyInstance) => {
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    routes.push({ pattern: patternOf(route.url ?? route.path), methods: [route.method].flat().map(String) });
  });
  app.decorate('allowedMethods', (path: string) => {
    const allowed = new Set<string>();
    for (const route of routes) if (route.pattern.test(path)) route.methods.forEach((method) => allowed.add(method));
    return [...allowed].sort();
  });
});
