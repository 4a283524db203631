import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { PermissionKey } from '../../contracts/permissions.js';
import type { Actor, Deps, RequestContext } from './deps.js';
import { AppError, PLATFORM_ERRORS } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller's role must hold, or 'authenticated' for any signed-in user. */
    permission?: PermissionKey | 'authenticated';
    /** Reachable without a session (sign-in, health, docs). */
    public?: boolean;
    /** Reachable while the session still has to enrol or verify a passkey (me, sign-out, Account > Security). */
    allowDuringPasskeySetup?: boolean;
    /** Sensitive action: a user with a passkey must have verified it on this session within 10 minutes. */
    stepUp?: boolean;
    /** Called by Sofie's other services with `Authorization: Bearer sst_…` (a service token). */
    service?: boolean;
  }
  interface FastifyInstance {
    /** Every route with what it requires, as declared: the route-table test walks this list. */
    declaredRoutes: DeclaredRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when a session cookie was presented but is no longer valid. */
    sessionProblem: 'SESSION_EXPIRED' | null;
    /** Set on `config.service` routes: the organization the calling service speaks for. */
    serviceCaller: ServiceCaller | null;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: PermissionKey | 'authenticated' | null;
  public: boolean;
  /** Called with a service token instead of a session. */
  service: boolean;
}

export interface ServiceCaller {
  tokenId: string;
  organizationId: string;
  name: string;
}

export type ActorResolver = (request: FastifyRequest) => Promise<{ actor: Actor | null; problem: 'SESSION_EXPIRED' | null }>;

export interface AccessOptions {
  resolveActor: ActorResolver;
  resolveService: (authorization: string | undefined) => Promise<ServiceCaller | null>;
  publicUrl: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication and authorization for every route. A route must declare `config.permission` or
 * `config.public`; the app refuses to start otherwise, so no route is forgotten.
 */
export const accessPlugin = fp(async (app: FastifyInstance, options: AccessOptions) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionProblem', null);
  app.decorateRequest('serviceCaller', null);
  const allowedOrigin = new URL(options.publicUrl).origin;
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);

  app.addHook('onRoute', (route) => {
    const config = route.config as { permission?: string; public?: boolean; service?: boolean } | undefined;
    if (route.url.startsWith('/api/docs') || route.prefix?.startsWith('/api/docs')) return; // swagger-ui's own assets
    if (!config?.permission && !config?.public && !config?.service) {
      throw new Error(`Route ${route.method} ${route.url} declares none of config.permission, config.public, config.service`);
    }
    for (const method of [route.method].flat()) {
      declared.push({ method, url: route.url, permission: (config.permission as DeclaredRoute['permission']) ?? null, public: config.public === true, service: config.service === true });
    }
  });

  app.addHook('onRequest', async (request) => {
    // Cookies are SameSite=Strict; this origin check is the second CSRF line for browsers that send Origin.
    const origin = request.headers.origin;
    if (origin && UNSAFE.has(request.method) && origin !== allowedOrigin && origin !== `http://${request.headers.host}` && origin !== `https://${request.headers.host}`) {
      throw new AppError('CROSS_ORIGIN', 403, PLATFORM_ERRORS.CROSS_ORIGIN.message);
    }
    const config = request.routeOptions.config as { permission?: string; public?: boolean; service?: boolean; allowDuringPasskeySetup?: boolean; stepUp?: boolean };
    if (config?.service) {
      request.serviceCaller = await options.resolveService(request.headers.authorization);
      if (!request.serviceCaller) throw new AppError('SERVICE_TOKEN_INVALID', 401, 'A valid service token is required (Authorization: Bearer sst_…).');
      return;
    }
    if (!config?.permission && !config?.public) return; // 404s and static assets
    const { actor, problem } = await options.resolveActor(request);
    request.actor = actor;
    request.sessionProblem = problem;
    if (config.public) return;
    if (!actor) {
      const code = problem ?? 'UNAUTHENTICATED';
      throw new AppError(code, 401, PLATFORM_ERRORS[code].message);
    }
    const gate = actor.passkey?.gate;
    if (gate && !config.allowDuringPasskeySetup) {
      throw new AppError(gate, 403, PLATFORM_ERRORS[gate].message, { redirectTo: gate === 'PASSKEY_ENROLLMENT_REQUIRED' ? '/account/security' : '/account/verify-passkey' });
    }
    if (config.permission !== 'authenticated' && !actor.permissions.has(config.permission!)) {
      throw new AppError('FORBIDDEN', 403, PLATFORM_ERRORS.FORBIDDEN.message, { permission: config.permission });
    }
    if (config.stepUp) assertStepUp(actor);
  });
});

/**
 * A sensitive action needs a passkey check within the last few minutes from anyone who has a
 * passkey. `config.stepUp` asks it of a whole route; a route that is sensitive for one of its
 * actions only (bulk role assignment) asks it here.
 */
export function assertStepUp(actor: Actor): void {
  if (actor.passkey && !actor.passkey.stepUpSatisfied) throw new AppError('STEP_UP_REQUIRED', 403, PLATFORM_ERRORS.STEP_UP_REQUIRED.message);
}

/** The service-layer view of a request. Requires a signed-in actor unless `allowAnonymous`. */
export function contextOf(request: FastifyRequest, deps: Deps): RequestContext & { actor: Actor } {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 401, PLATFORM_ERRORS.UNAUTHENTICATED.message);
  return {
    deps,
    organizationId: request.actor.organizationId,
    actor: request.actor,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
  };
}

/** The context of a call from another Sofie service; audit events name the service token. */
export function serviceContext(request: FastifyRequest, deps: Deps): RequestContext {
  const caller = request.serviceCaller;
  if (!caller) throw new AppError('SERVICE_TOKEN_INVALID', 401, 'A valid service token is required (Authorization: Bearer sst_…).');
  return { deps, organizationId: caller.organizationId, actor: null, ip: request.ip ?? null, userAgent: `service:${caller.name}` };
}

export function anonymousContext(request: FastifyRequest, deps: Deps, organizationId: string): RequestContext {
  return { deps, organizationId, actor: null, ip: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 500) ?? null };
}
