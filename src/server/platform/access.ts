import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { PermissionKey } from '../../contracts/permissions.js';
import type { Actor, Deps, RequestContext } from './deps.js';
import { fail, PLATFORM_ERRORS } from './errors.js';
import { bearerTokenOf, hashToken } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller's role must hold, or 'authenticated' for any signed-in user. */
    permission?: PermissionKey | 'authenticated';
    /** Reachable without a session (sign-in, health, docs). */
    public?: boolean;
    /**
     * A public route that another site's page posts to by design (the SAML Assertion Consumer
     * Service): the Origin check does not apply. Such a route must not rely on the session cookie.
     */
    crossSitePost?: boolean;
    /** Reachable while the session still has to enrol or verify a passkey (me, sign-out, Account > Security). */
    allowDuringPasskeySetup?: boolean;
    /** Sensitive action: a user with a passkey must have verified it on this session within 10 minutes. */
    stepUp?: boolean;
    /** Called by Sofie's other services with `Authorization: Bearer sst_…` (a service token). */
    service?: boolean;
    /**
     * The deployment operator's API: `Authorization: Bearer <OPERATOR_TOKEN>` and nothing else. A session
     * cookie is never looked at, so no organization administrator reaches it.
     */
    operator?: boolean;
    /**
     * Called with a bearer token of the named scheme (e.g. 'scim'): the scheme's resolver turns the
     * `Authorization` header into the request's actor, or the request is refused with 401.
     */
    bearer?: string;
    /**
     * A route whose JSON body names an `action` (bulk changes) declares what each action needs on top
     * of the route's permission; the plugin checks it before the body is validated or the handler runs.
     */
    actions?: Record<string, Requirement>;
    /**
     * What the handler needs only in some cases (an invitation that changes an existing user's role),
     * by name. The service asks for it with `requireConditional(ctx, name)`; only declared names exist.
     */
    conditional?: Record<string, Requirement & { when: string }>;
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

/** A permission and/or a recent passkey check, needed for an action or in a case a route declares. */
export interface Requirement {
  permission?: PermissionKey;
  stepUp?: boolean;
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: PermissionKey | 'authenticated' | null;
  public: boolean;
  /** Called with a service token instead of a session. */
  service: boolean;
  /** Called with the operator token only. */
  operator: boolean;
  /** The bearer-token scheme the route is called with, or null. */
  bearer: string | null;
  stepUp: boolean;
  actions: Record<string, Requirement>;
  conditional: Record<string, Requirement & { when: string }>;
}

export interface ServiceCaller {
  tokenId: string;
  organizationId: string;
  name: string;
}

/** Turns an `Authorization` header into the actor a bearer token acts as; null refuses the request (401). */
export type BearerResolver = (authorization: string | undefined, request: FastifyRequest) => Promise<Actor | null>;

export type ActorResolver = (request: FastifyRequest) => Promise<{ actor: Actor | null; problem: 'SESSION_EXPIRED' | null }>;

export interface AccessOptions {
  resolveActor: ActorResolver;
  resolveService: (authorization: string | undefined) => Promise<ServiceCaller | null>;
  /** Resolvers of bearer-token schemes by name (config.bearer): the actor the token acts as, or null. */
  bearers?: Record<string, BearerResolver>;
  publicUrl: string;
  /** SHA-256 (hex) of the operator token; null: no operator routes may exist. */
  operatorTokenHash: string | null;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type RouteConfig = {
  permission?: string;
  public?: boolean;
  service?: boolean;
  operator?: boolean;
  bearer?: string;
  stepUp?: boolean;
  actions?: DeclaredRoute['actions'];
  conditional?: DeclaredRoute['conditional'];
};

/** What a route requires, one entry per method; throws (the app does not start) when it declares nothing. */
function declarationsOf(route: RouteOptions, options: AccessOptions): DeclaredRoute[] {
  const operatorTokenConfigured = options.operatorTokenHash !== null;
  const config = route.config as RouteConfig | undefined;
  if (!config?.permission && !config?.public && !config?.service && !config?.operator && !config?.bearer) {
    throw new Error(
      `Route ${String(route.method)} ${route.url} declares none of config.permission, config.public, config.service, config.operator, config.bearer`,
    );
  }
  if (config.bearer && !options.bearers?.[config.bearer])
    throw new Error(`Route ${String(route.method)} ${route.url}: no resolver for bearer "${config.bearer}"`);
  if (config.operator && (config.permission || config.public || config.service || !operatorTokenConfigured)) {
    throw new Error(`Route ${String(route.method)} ${route.url}: an operator route takes the operator token only, and exists only when one is configured`);
  }
  return [route.method].flat().map((method) => ({
    method,
    url: route.url,
    permission: (config.permission as DeclaredRoute['permission']) ?? null,
    public: config.public === true,
    service: config.service === true,
    operator: config.operator === true,
    bearer: config.bearer ?? null,
    stepUp: config.stepUp === true,
    actions: config.actions ?? {},
    conditional: config.conditional ?? {},
  }));
}

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
    if (route.url.startsWith('/api/docs') || route.prefix?.startsWith('/api/docs')) return; // swagger-ui's own assets
    declared.push(...declarationsOf(route, options));
  });

  app.addHook('preValidation', async (request) => {
    const actions = request.routeOptions.config?.actions;
    if (!actions || !request.actor) return;
    const action = (request.body as { action?: unknown } | null)?.action;
    // An unknown action is left to the body schema, which refuses it with 400.
    if (typeof action === 'string' && Object.hasOwn(actions, action)) assertRequirement(request.actor, actions[action]);
  });

  app.addHook('onRequest', async (request) => {
    // Cookies are SameSite=Strict; this origin check is the second CSRF line for browsers that send
    // Origin. Only PUBLIC_URL's origin counts: comparing Origin with the Host header would accept any
    // site whose name resolves to this server (DNS rebinding sends Host and Origin that agree).
    const origin = request.headers.origin;
    if (origin && UNSAFE.has(request.method) && origin !== allowedOrigin && request.routeOptions.config?.crossSitePost !== true) {
      throw fail(PLATFORM_ERRORS, 'CROSS_ORIGIN');
    }
    const config = request.routeOptions.config as {
      permission?: string;
      public?: boolean;
      service?: boolean;
      operator?: boolean;
      bearer?: string;
      allowDuringPasskeySetup?: boolean;
      stepUp?: boolean;
    };
    if (config?.operator) {
      if (!operatorTokenMatches(request.headers.authorization, options.operatorTokenHash)) throw fail(PLATFORM_ERRORS, 'OPERATOR_TOKEN_INVALID');
      return;
    }
    if (config?.service || config?.bearer) return authenticateCredential(request, config, options);
    if (!config?.permission && !config?.public) return; // 404s and static assets
    const { actor, problem } = await options.resolveActor(request);
    request.actor = actor;
    request.sessionProblem = problem;
    if (config.public) return;
    if (!actor) {
      const code = problem ?? 'UNAUTHENTICATED';
      throw fail(PLATFORM_ERRORS, code);
    }
    const gate = actor.passkey?.gate;
    if (gate && !config.allowDuringPasskeySetup) {
      throw fail(PLATFORM_ERRORS, gate, { redirectTo: gate === 'PASSKEY_ENROLLMENT_REQUIRED' ? '/account/security' : '/account/verify-passkey' });
    }
    assertRequirement(actor, { permission: config.permission === 'authenticated' ? undefined : (config.permission as PermissionKey), stepUp: config.stepUp });
  });
});

/** The bearer token hashed and compared in constant time with the configured hash (both are 32 bytes). */
function operatorTokenMatches(authorization: string | undefined, expectedHash: string | null): boolean {
  const token = bearerTokenOf(authorization);
  if (!expectedHash || !token) return false;
  return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(expectedHash, 'hex'));
}

/** Routes called with a token instead of a session: a service token, or a bearer token of a named scheme. */
async function authenticateCredential(request: FastifyRequest, config: { service?: boolean; bearer?: string }, options: AccessOptions): Promise<void> {
  if (config.service) {
    request.serviceCaller = await options.resolveService(request.headers.authorization);
    if (!request.serviceCaller) throw fail(PLATFORM_ERRORS, 'SERVICE_TOKEN_INVALID');
    return;
  }
  request.actor = await options.bearers![config.bearer!](request.headers.authorization, request);
  if (!request.actor) throw fail(PLATFORM_ERRORS, 'BEARER_TOKEN_INVALID');
}

/**
 * A sensitive action needs a passkey check within the last few minutes from anyone who has a
 * passkey: `config.stepUp` asks it of a whole route, `config.actions` / `config.conditional` of part of one.
 */
function assertStepUp(actor: Actor): void {
  if (actor.passkey && !actor.passkey.stepUpSatisfied) throw fail(PLATFORM_ERRORS, 'STEP_UP_REQUIRED');
}

function assertRequirement(actor: Actor, requirement: Requirement): void {
  if (requirement.permission && !actor.permissions.has(requirement.permission)) {
    throw fail(PLATFORM_ERRORS, 'FORBIDDEN', { permission: requirement.permission });
  }
  if (requirement.stepUp) assertStepUp(actor);
}

/**
 * Applies a requirement the route declared under `config.conditional[name]`, in the case it names.
 * Asking for an undeclared one is a programming error: the route table must show every check.
 */
export function requireConditional(ctx: RequestContext & { actor: Actor }, name: string): void {
  assertRequirement(ctx.actor, declaredConditional(ctx, name));
}

/**
 * For a request of many items where only some need the requirement: asks for its passkey check
 * before anything is written, so the person confirms once and the retried request runs whole. An
 * actor without the permission is left to the per-item refusal.
 */
export function requireConditionalStepUpFirst(ctx: RequestContext & { actor: Actor }, name: string): void {
  const requirement = declaredConditional(ctx, name);
  if (requirement.stepUp && (!requirement.permission || ctx.actor.permissions.has(requirement.permission))) assertStepUp(ctx.actor);
}

function declaredConditional(ctx: RequestContext, name: string): Requirement {
  const requirement = ctx.conditional?.[name];
  if (!requirement) throw new Error(`the route does not declare the conditional requirement "${name}"`);
  return requirement;
}

/** The service-layer view of a request. Requires a signed-in actor unless `allowAnonymous`. */
export function contextOf(request: FastifyRequest, deps: Deps): RequestContext & { actor: Actor } {
  if (!request.actor) throw fail(PLATFORM_ERRORS, 'UNAUTHENTICATED');
  return {
    deps,
    organizationId: request.actor.organizationId,
    actor: request.actor,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
    requestId: String(request.id),
    conditional: request.routeOptions.config?.conditional,
    readDb: request.readDb ?? undefined,
  };
}

/** The context of a call from another Sofie service; audit events name the service token. */
export function serviceContext(request: FastifyRequest, deps: Deps): RequestContext {
  const caller = request.serviceCaller;
  if (!caller) throw fail(PLATFORM_ERRORS, 'SERVICE_TOKEN_INVALID');
  return {
    deps,
    organizationId: caller.organizationId,
    actor: null,
    ip: request.ip ?? null,
    userAgent: `service:${caller.name}`,
    requestId: String(request.id),
  };
}

export function anonymousContext(request: FastifyRequest, deps: Deps, organizationId: string): RequestContext {
  return {
    deps,
    organizationId,
    actor: null,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
    requestId: String(request.id),
  };
}
