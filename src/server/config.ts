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
  /** Trust X-Forwarded-* headers (behind a load balancer). */
  trustProxy: boolean;
  /** Let webhooks reach loopback, private and link-local addresses (tests; receivers on a trusted private network). */
  webhookAllowPrivate: boolean;
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
    trustProxy: flag(env, 'TRUST_PROXY'),
    webhookAllowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE'),
    ...overrides,
  });
}
