/**
 * The only reader of process.env. Parsed once, validated, frozen; a bad value stops the process at
 * start with a message naming the variable.
 */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  adminEmail: string;
  organizationName: string;
  logLevel: string;
  sessionAbsoluteHours: number;
  demo: boolean;
  /**
   * Which proxies' X-Forwarded-* headers to believe: false (none), a hop count (the last N proxies in
   * front of the app), or the proxies' addresses/CIDRs. Never "everyone": a client could then choose
   * its own address.
   */
  trustProxy: false | number | string[];
  /** PostgreSQL: longest a statement may run; longest a statement waits for a lock. */
  databaseStatementTimeoutMs: number;
  databaseLockTimeoutMs: number;
  /** Longest a request waits for a database connection (PostgreSQL pool) or the SQLite writer. */
  databaseAcquireTimeoutMs: number;
  databasePoolSize: number;
  /** Requests per minute one SCIM token may make to /scim/v2 (429 with Retry-After beyond). */
  scimRequestsPerMinute: number;
  /** A request that has not been answered after this long is ended by the server. */
  requestTimeoutMs: number;
  /** Let webhooks reach loopback, private and link-local addresses (tests; receivers on a trusted private network). */
  webhookAllowPrivate: boolean;
  /** Server processes sharing the port (node:cluster); 1 runs the server in this process. */
  workers: number;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  return raw === '1' || raw === 'true' || raw === 'yes';
}

const ADDRESS_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/i;

function trustProxy(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = env.TRUST_PROXY?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === 'true' || raw === 'yes') {
    throw new ConfigError(
      'TRUST_PROXY must say which proxies to trust: a hop count (1 = the load balancer in front of the app) or their addresses (10.0.0.0/8,192.168.1.5), not "true"',
    );
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) throw new ConfigError(`TRUST_PROXY hop count must be between 1 and 10 (got "${raw}")`);
    return hops;
  }
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = list.find((part) => !ADDRESS_OR_CIDR.test(part));
  if (bad) throw new ConfigError(`TRUST_PROXY must be a hop count or a comma-separated list of addresses/CIDRs (got "${bad}")`);
  return list;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name]?.trim();
  return raw ? raw : null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicUrl = (optional(env, 'PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  const databaseUrl = optional(env, 'DATABASE_URL') ?? 'sqlite:./data/sofie.db';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://');
  }
  const smtpUrl = optional(env, 'SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  const adminEmail = (optional(env, 'SOFIE_ADMIN_EMAIL') ?? 'admin@example.com').toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) throw new ConfigError('SOFIE_ADMIN_EMAIL must be an email address');
  return Object.freeze({
    port,
    host: optional(env, 'HOST') ?? '127.0.0.1',
    publicUrl,
    databaseUrl,
    redisUrl: optional(env, 'REDIS_URL'),
    smtpUrl,
    mailFrom: optional(env, 'MAIL_FROM') ?? 'Sofie <no-reply@sofie.local>',
    adminEmail,
    organizationName: optional(env, 'SOFIE_ORG_NAME') ?? 'Example Organization',
    logLevel: optional(env, 'LOG_LEVEL') ?? 'info',
    sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 24, 1, 24 * 30),
    demo: flag(env, 'SOFIE_DEMO'),
    trustProxy: trustProxy(env),
    databaseStatementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 600_000),
    databaseLockTimeoutMs: integer(env, 'DATABASE_LOCK_TIMEOUT_MS', 3_000, 50, 600_000),
    databaseAcquireTimeoutMs: integer(env, 'DATABASE_ACQUIRE_TIMEOUT_MS', 3_000, 50, 600_000),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    scimRequestsPerMinute: integer(env, 'SCIM_REQUESTS_PER_MINUTE', 3000, 1, 1_000_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
    webhookAllowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE'),
    workers: integer(env, 'WORKERS', 1, 1, 64),
    ...overrides,
  });
}
