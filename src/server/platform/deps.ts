import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import type { PermissionKey } from '../../contracts/permissions.js';
import type { Config } from '../config.js';
import type { Selectable } from 'kysely';
import type { Database, Db, DbOrTrx, Dialect } from '../db/database.js';
import type { ReplicaStatus } from '../db/read-replica.js';
import type { MailTransport } from './mail/mail-transport.js';

/** Everything the app needs from outside, passed in explicitly so a test builds a real app in ms. */
export interface Deps {
  config: Config;
  db: Db;
  /**
   * The read replica's handle when DATABASE_READ_URL is set (it falls back to the primary while the
   * replica lags or fails), else `db`. Only through readDbOf(ctx), which honours read-your-writes.
   */
  readDb: Db;
  /** The replica's last measurement, when one is configured. */
  replica: { status(): ReplicaStatus } | null;
  dialect: Dialect;
  /** The only source of "now". */
  clock: () => Date;
  newId: () => string;
  /** SMTP transport when SMTP_URL is set; null keeps mail in the local outbox. */
  mailTransport: MailTransport | null;
  redis: Redis | null;
  /** The process's logger (pino); the app's request logs are its children. */
  logger: FastifyBaseLogger;
  /** Run inside the transaction that writes audit events, after they are written (Security Center alert rules). */
  auditObservers: readonly AuditObserver[];
}

/** An audit event as written, for the observers that react to it. */
export type WrittenAuditEvent = Selectable<Database['audit_events']>;

/** Reacts to audit events in their own transaction: what it writes commits or rolls back with them. */
export type AuditObserver = (trx: DbOrTrx, ctx: RequestContext, events: readonly WrittenAuditEvent[]) => Promise<void>;

export interface Actor {
  userId: string;
  organizationId: string;
  email: string;
  name: string;
  roleId: string;
  roleName: string;
  permissions: ReadonlySet<string>;
  sessionId: string;
  /** Set when a credential, not a person, acts (a SCIM token): audit events name it by this label. */
  credentialLabel?: string;
  /** The session's passkey state, computed by the actor resolver on every request. */
  passkey?: ActorPasskeyState;
}

export interface ActorPasskeyState {
  /** How many passkeys the user has registered. */
  count: number;
  /** What the session must do before anything else (enrol or verify a passkey), or null. */
  gate: 'PASSKEY_ENROLLMENT_REQUIRED' | 'PASSKEY_VERIFICATION_REQUIRED' | null;
  /** True when the user has no passkey or verified one on this session within 10 minutes. */
  stepUpSatisfied: boolean;
  verifiedAt: string | null;
  sessionCreatedAt: string;
  authMethod: string;
}

/** Who is acting and from where: what services need to authorize and audit a change. */
export interface RequestContext {
  deps: Deps;
  organizationId: string;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  /** The HTTP request's id (also in its log lines), stored with the audit events it writes. */
  requestId?: string | null;
  /** What the route declared it needs only in some cases (see requireConditional in access.ts). */
  conditional?: Record<string, { permission?: PermissionKey; stepUp?: boolean; when: string }>;
  /** Where this request's list and detail reads go (see platform/read-routing.ts); unset: the primary. */
  readDb?: () => Promise<Db>;
}

export function nowIso(deps: Pick<Deps, 'clock'>): string {
  return deps.clock().toISOString();
}
