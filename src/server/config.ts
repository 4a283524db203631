import { createHash } from 'node:crypto';

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
  /** A PostgreSQL streaming replica for list, search and detail reads; null reads everything from the primary. */
  databaseReadUrl: string | null;
  /** The replica is skipped while it is further behind the primary than this. */
  databaseReadMaxLagMs: number;
  /** An administrator's reads stay on the primary this long after they changed something. */
  readYourWritesMs: number;
  /**
   * SHA-256 (hex) of OPERATOR_TOKEN, the bearer token of the operator API (/operator/api/…); null when
   * unset, and then that API does not exist. The token itself is not kept.
   */
  operatorTokenHash: string | null;
  /**
   * Let SSO connections use issuers on loopback and private addresses over plain http (tests, a local
   * identity provider in development). Off: issuers must be https on public addresses.
   */
  ssoAllowLoopbackIssuers: boolean;
  /** AES-256-GCM key (32 bytes, from base64 SSO_SECRET_KEY) sealing SSO client secrets at rest; null stores them unsealed. */
  ssoSecretKey: Buffer | null;
  /** DNS servers ("127.0.0.1:5353") asked for domain-verification TXT records; null uses the system's. */
  dnsServers: string[] | null;
}

/** How often the replica's health and lag are measured; a measurement older than two of these does not count. */
export const REPLICA_PROBE_MS = 1_000;

export class ConfigError extends Error {}

const OPERATOR_TOKEN_MIN_LENGTH = 32;

function operatorTokenHash(env: NodeJS.ProcessEnv): string | null {
  const token = optional(env, 'OPERATOR_TOKEN');
  if (token === null) return null;
  if (token.length < OPERATOR_TOKEN_MIN_LENGTH || token.length > 200) {
    throw new ConfigError(`OPERATOR_TOKEN must be ${OPERATOR_TOKEN_MIN_LENGTH} to 200 characters (e.g. \`openssl rand -base64 32\`)`);
  }
  return createHash('sha256').update(token).digest('hex');
}

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

/**
 * DATABASE_READ_URL and its bounds. Read-your-writes holds only if a replica that is used has replayed
 * every write older than the window: the lag bound plus two probe intervals (the age a measurement
 * may have, and the spacing of the primary positions it compares) must fit inside it.
 */
function readReplica(env: NodeJS.ProcessEnv, databaseUrl: string): Pick<Config, 'databaseReadUrl' | 'databaseReadMaxLagMs' | 'readYourWritesMs'> {
  const databaseReadUrl = optional(env, 'DATABASE_READ_URL');
  if (databaseReadUrl && !/^postgres(ql)?:\/\//.test(databaseReadUrl)) throw new ConfigError('DATABASE_READ_URL must start with postgres://');
  if (databaseReadUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_READ_URL needs a PostgreSQL DATABASE_URL (it names a streaming replica of it); SQLite has no replicas');
  }
  const databaseReadMaxLagMs = integer(env, 'DATABASE_READ_MAX_LAG_MS', 2_000, 0, 600_000);
  const readYourWritesMs = integer(env, 'READ_YOUR_WRITES_SECONDS', 5, 1, 3_600) * 1_000;
  const needed = databaseReadMaxLagMs + 2 * REPLICA_PROBE_MS;
  if (databaseReadUrl && readYourWritesMs < needed) {
    throw new ConfigError(
      `READ_YOUR_WRITES_SECONDS must be at least DATABASE_READ_MAX_LAG_MS + ${(2 * REPLICA_PROBE_MS) / 1000} s (${Math.ceil(needed / 1000)} with DATABASE_READ_MAX_LAG_MS=${databaseReadMaxLagMs}), or an administrator could read a replica that has not replayed their change`,
    );
  }
  return { databaseReadUrl, databaseReadMaxLagMs, readYourWritesMs };
}

function ssoSecretKey(env: NodeJS.ProcessEnv): Buffer | null {
  const raw = optional(env, 'SSO_SECRET_KEY');
  if (raw === null) return null;
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new ConfigError('SSO_SECRET_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  return key;
}

function dnsServers(env: NodeJS.ProcessEnv): string[] | null {
  const raw = optional(env, 'DNS_SERVERS');
  if (raw === null) return null;
  const list = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const bad = list.find((part) => !/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\])(:\d{1,5})?$|^[0-9a-f:]+$/i.test(part));
  if (bad) throw new ConfigError(`DNS_SERVERS must be comma-separated IP addresses with optional ports (got "${bad}")`);
  return list;
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
  const replica = readReplica(env, databaseUrl);
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
    ...replica,
    operatorTokenHash: operatorTokenHash(env),
    ssoAllowLoopbackIssuers: flag(env, 'SSO_ALLOW_LOOPBACK_ISSUERS'),
    ssoSecretKey: ssoSecretKey(env),
    dnsServers: dnsServers(env),
    ...overrides,
  });
}
