import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { pino } from 'pino';
import { Type } from 'typebox';
import { accessReviewsRoutes, sendDueReminders } from './features/access-reviews/index.js';
import { alertDigestRound, alertsRoutes } from './features/alerts/index.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { CHECKPOINT_EVERY_MS, checkpointRound, deliverDueLogBatches, logStreamingRoutes, pruneDeliveredBatches } from './features/log-streaming/index.js';
import { bulkJobsRoutes, runDueBulkJobs } from './features/bulk-jobs/index.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { actorResolver } from './features/auth/auth.actor.js';
import { groupsRoutes } from './features/groups/groups.routes.js';
import { invitationsRoutes } from './features/invitations/invitations.routes.js';
import { mailboxRoutes } from './features/mailbox/mailbox.routes.js';
import { passkeysRoutes } from './features/passkeys/passkeys.routes.js';
import { organizationsRoutes } from './features/organizations/organizations.routes.js';
import { operatorRoutes } from './features/organizations/organizations.operator.routes.js';
import { serviceTokensRoutes } from './features/service-tokens/service-tokens.routes.js';
import { serviceTokenResolver } from './features/service-tokens/service-tokens.service.js';
import { rolesRoutes } from './features/roles/roles.routes.js';
import { scimAdminRoutes, scimRoutes, scimTokenResolver } from './features/scim/index.js';
import { ssoRoutes } from './features/sso/sso.routes.js';
import { usersRoutes } from './features/users/users.routes.js';
import { usageRoutes } from './features/usage/usage.routes.js';
import { usagePurgeRound } from './features/usage/usage.jobs.js';
import { offboardingRoutes } from './features/offboarding/offboarding.routes.js';
import { purgeDeletedUsers } from './features/offboarding/offboarding.purge.js';
import { ownershipRoutes } from './features/ownership/ownership.routes.js';
import { deliverDueWebhooks } from './features/ownership/ownership.webhooks.js';
import { workspacesRoutes } from './features/workspaces/workspaces.routes.js';
import { accessPlugin } from './platform/access.js';
import type { Deps } from './platform/deps.js';
import { errorsPlugin } from './platform/errors.js';
import { methodNotAllowedPlugin } from './platform/method-not-allowed.js';
import { INPUT_ERRORS, inputGuardPlugin } from './platform/input-guard.js';
import { registerOpenApi } from './platform/openapi.js';
import { fallbackRateLimitStore } from './platform/rate-limit-store.js';
import { inlineScriptHashes } from './platform/inline-scripts.js';
import { readRoutingPlugin } from './platform/read-routing.js';
import { securityHeadersPlugin } from './platform/security-headers.js';
import { schemaCompilers } from './platform/schema-compilers.js';
import { startBackgroundJob, type BackgroundJob } from './platform/background-job.js';
import { deliverDueMail } from './platform/mail/mail.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without background workers (tests drive delivery themselves). */
    mailWorker: BackgroundJob | null;
  }
}

export interface BuildOptions {
  /** false silences request logs (benchmarks); otherwise the app logs through deps.logger. */
  logger?: false;
  /** Start the mail delivery loop (main does; tests call deliverDueMail directly). */
  startWorkers?: boolean;
  /** How often the mail worker looks for due mail when nothing wakes it; 1 s unless a test sets it long to see what wakes it. */
  mailPollMs?: number;
  /** Folder of the built console; defaults to dist/web. */
  webRoot?: string;
}

/** Registers platform plugins, then features. Never listens: main.ts and tests decide that. */
export async function buildApp(deps: Deps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = createFastify(deps, options);
  app.decorate('mailWorker', null);
  app.decorate('webhookWorker', null);
  app.decorate('bulkJobWorker', null);
  if (options.startWorkers) startBackgroundJobs(app, deps, options.mailPollMs ?? 1000);

  const webRoot = options.webRoot ?? resolve('dist/web');
  await registerPlatform(app, deps, webRoot);
  registerHealthRoutes(app, deps);
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await registerFeatures(app, deps);

  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  await registerConsole(app, webRoot);
  return app;
}

/** The Fastify instance with the server's limits, ids, schema compilers and error form for malformed addresses. */
function createFastify(deps: Deps, options: BuildOptions) {
  return Fastify({
    loggerInstance: options.logger === false ? pino({ level: 'silent' }) : deps.logger,
    trustProxy: trustProxySetting(deps.config.trustProxy),
    // Every wait is bounded: a client that never finishes its request, or a request nobody answers.
    requestTimeout: deps.config.requestTimeoutMs,
    connectionTimeout: deps.config.requestTimeoutMs,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => deps.newId(),
    schemaController: { compilersFactory: schemaCompilers },
    // A malformed or over-long address is answered in the API's error form, not Fastify's.
    frameworkErrors: (error, _request, reply) => {
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'PARAMETER_TOO_LONG' : 'BAD_URL';
      void (reply as FastifyReply).status(INPUT_ERRORS[code].status).send({ error: { code, message: INPUT_ERRORS[code].message } });
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
}

type App = ReturnType<typeof createFastify>;

/** Mail and webhook delivery, usage and deleted-user purges, the alerts digest; all stopped (and awaited) when the app closes. */
function startBackgroundJobs(app: App, deps: Deps, mailPollMs: number): void {
  const HOUR = 3_600_000;
  app.mailWorker = startBackgroundJob('mail delivery', app.log, () => deliverDueMail(deps, app.log), { intervalMs: mailPollMs });
  app.webhookWorker = startBackgroundJob('webhook delivery', app.log, () => deliverDueWebhooks(deps, app.log), { intervalMs: 1000 });
  // Bulk jobs: resumed soon after a start (a job the last process left is claimable once its lease expires).
  // Each chunk that commits wakes the mail worker: the invitations (and alerts) it queued go out now, not at the next poll.
  const bulkJobHooks = { chunkCommitted: () => app.mailWorker?.kick() };
  app.bulkJobWorker = startBackgroundJob('bulk jobs', app.log, () => runDueBulkJobs(deps, app.log, bulkJobHooks), { intervalMs: 1000 });
  const usagePurge = startBackgroundJob('usage purge', app.log, usagePurgeRound(deps, app.log), { intervalMs: HOUR, firstDelayMs: 30_000 });
  // Personal data of users deleted more than 30 days ago: purged soon after start, then hourly.
  const userPurge = startBackgroundJob(
    'deleted-user purge',
    app.log,
    async () => {
      const purged = await purgeDeletedUsers(deps);
      if (purged > 0) app.log.info({ purged }, 'purged personal data of deleted users');
    },
    { intervalMs: HOUR, firstDelayMs: 5_000 },
  );
  const logStream = startBackgroundJob('log stream delivery', app.log, () => deliverDueLogBatches(deps, app.log), { intervalMs: 1000 });
  const logCheckpoints = startBackgroundJob('audit chain checkpoints', app.log, () => checkpointRound(deps), {
    intervalMs: CHECKPOINT_EVERY_MS,
    firstDelayMs: 60_000,
  });
  const logStreamPrune = startBackgroundJob('log stream prune', app.log, () => pruneDeliveredBatches(deps), { intervalMs: HOUR, firstDelayMs: 120_000 });
  const alertDigest = startBackgroundJob('security alert digest', app.log, alertDigestRound(deps, app.log), { intervalMs: HOUR / 4, firstDelayMs: 60_000 });
  // Access-review reminders: reviewers with undecided items, once per campaign, before the due date.
  const reviewReminders = startBackgroundJob('access-review reminders', app.log, () => sendDueReminders(deps), { intervalMs: HOUR / 4, firstDelayMs: 60_000 });
  app.addHook('onClose', async () => {
    await Promise.all([
      app.mailWorker?.stop(),
      app.webhookWorker?.stop(),
      app.bulkJobWorker?.stop(),
      usagePurge.stop(),
      userPurge.stop(),
      alertDigest.stop(),
      logStream.stop(),
      logStreamPrune.stop(),
      logCheckpoints.stop(),
      reviewReminders.stop(),
    ]);
  });
}

/** Cross-cutting plugins every feature relies on: errors, input guard, cookies, headers, rate limit, OpenAPI, access. */
async function registerPlatform(app: App, deps: Deps, webRoot: string): Promise<void> {
  await app.register(errorsPlugin);
  await app.register(methodNotAllowedPlugin);
  await app.register(inputGuardPlugin);
  await app.register(fastifyCookie);
  await app.register(securityHeadersPlugin, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", ...inlineScriptHashes(webRoot)],
        connectSrc: ["'self'"],
      },
    },
    strictTransportSecurity: deps.config.publicUrl.startsWith('https://'),
  });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(deps.redis ? { store: fallbackRateLimitStore(deps.redis, app.log, 'sofie-rl:') } : {}),
  });
  await registerOpenApi(app, { publicUrl: deps.config.publicUrl });
  await app.register(accessPlugin, {
    resolveActor: actorResolver(deps),
    resolveService: serviceTokenResolver(deps),
    bearers: { scim: scimTokenResolver(deps) },
    publicUrl: deps.config.publicUrl,
    operatorTokenHash: deps.config.operatorTokenHash,
  });
  await app.register(readRoutingPlugin, { deps });
}

/** Liveness and readiness probes for the load balancer (public, hidden from the API docs). */
function registerHealthRoutes(app: App, deps: Deps): void {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: { hide: true, response: { 200: Type.Object({ status: Type.String() }), 503: Type.Object({ status: Type.String() }) } },
    },
    async (request, reply) => {
      const problem = await databaseServes(deps, READY_DEADLINE_MS);
      if (!problem) return { status: 'ready' };
      request.log.warn({ problem }, 'not ready: the database cannot serve');
      return reply.status(503).header('retry-after', '2').send({ status: problem });
    },
  );
}

/** Every feature is its own route plugin, handed the same deps. */
async function registerFeatures(app: App, deps: Deps): Promise<void> {
  for (const routes of [
    authRoutes,
    usersRoutes,
    bulkJobsRoutes,
    invitationsRoutes,
    groupsRoutes,
    rolesRoutes,
    organizationsRoutes,
    auditRoutes,
    alertsRoutes,
    logStreamingRoutes,
    mailboxRoutes,
    serviceTokensRoutes,
    usageRoutes,
    passkeysRoutes,
    workspacesRoutes,
    ownershipRoutes,
    offboardingRoutes,
    scimAdminRoutes,
    accessReviewsRoutes,
    ssoRoutes,
  ]) {
    await app.register(routes, { deps });
  }
  // The operator API exists only when OPERATOR_TOKEN is set: without it, its addresses answer 404.
  if (deps.config.operatorTokenHash) await app.register(operatorRoutes, { deps });
  // SCIM 2.0 (RFC 7644) for identity providers: its own media type, error bodies and rate limit.
  await app.register(scimRoutes, { deps, prefix: '/scim/v2' });
}

/**
 * Fastify's (proxy-addr's) form of TRUST_PROXY. A hop count trusts that many proxies counted from the
 * app: with 1, the client address is the last one the load balancer appended to X-Forwarded-For, and
 * whatever the client wrote before it is ignored.
 */
function trustProxySetting(trust: Deps['config']['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

/** A load balancer stops sending traffic after this long without an answer; readiness answers sooner. */
const READY_DEADLINE_MS = 1_500;

/**
 * Null when the database answers a read of the users table (what nearly every request needs) within
 * the deadline; otherwise why not. A held lock, an exhausted pool or a dead server all count.
 */
async function databaseServes(deps: Deps, deadlineMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`database did not answer within ${deadlineMs} ms`), deadlineMs);
  });
  const probe = deps.db
    .selectFrom('users')
    .select('id')
    .limit(1)
    .execute()
    .then(() => null)
    .catch((error: Error) => `database unreachable: ${error.message}`);
  try {
    return await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Serves the built console with an SPA fallback; API paths keep JSON 404s. */
async function registerConsole(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasConsole = existsSync(join(webRoot, 'index.html'));
  // serve:false: we declare the asset route ourselves so it carries config.public like every route.
  await app.register(fastifyStatic, { root: webRoot, serve: false });
  app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    const file = (request.params as Record<string, string>)['*'] ?? '';
    return reply.sendFile(`assets/${file}`, { maxAge: '365d', immutable: true });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/operator/') && !path.startsWith('/assets/')) {
      if (hasConsole) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.type('text/plain').send('The console is not built yet: run `npm run build` (npm start does it for you).');
    }
    const allowed = app.allowedMethods(path).filter((method) => method !== request.method);
    if (allowed.length > 0) {
      const message = `${request.method} is not allowed at ${path}; it takes ${allowed.join(', ')}.`;
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({ error: { code: 'METHOD_NOT_ALLOWED', message } });
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${path}.` } });
  });
}
