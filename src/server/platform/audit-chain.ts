// The audit log's hash chain: how an event is serialised and hashed. Writers (platform/audit.ts) and
// the verifier (features/audit) share these functions; changing them breaks every stored chain, so a
// new serialisation needs a new version number, never an edit.
import { createHash } from 'node:crypto';
import type { DbOrTrx } from '../db/database.js';

export const CHAIN_VERSION = 1;

/** The fields a purge may erase (names, emails, where from): hashed apart, so erasing them keeps the chain. */
export interface PersonalFields {
  actor_label: string;
  subject_label: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** The facts no purge touches: who by id, what, to which id, why, when, and the links. */
export interface ChainedFields {
  id: string;
  organization_id: string;
  chain_seq: number;
  actor_user_id: string | null;
  action: string;
  category: string;
  risk: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  request_id: string | null;
  created_at: string;
  personal_digest: string;
  prev_hash: string;
}

function sha256(value: unknown): string {
  // JSON of an array of strings, numbers and nulls: one spelling per value, in a fixed order.
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function personalDigest(f: PersonalFields): string {
  return sha256([CHAIN_VERSION, 'personal', f.actor_label, f.subject_label, f.before, f.after, f.ip, f.user_agent]);
}

export function eventHash(f: ChainedFields): string {
  return sha256([
    CHAIN_VERSION,
    'event',
    f.id,
    f.organization_id,
    f.chain_seq,
    f.actor_user_id,
    f.action,
    f.category,
    f.risk,
    f.subject_type,
    f.subject_id,
    f.reason,
    f.request_id,
    f.created_at,
    f.personal_digest,
    f.prev_hash,
  ]);
}

/** The link before an organization's first chained event; it commits to how many events predate the chain. */
export function genesisHash(organizationId: string, legacyCount: number): string {
  return sha256([CHAIN_VERSION, 'genesis', organizationId, legacyCount]);
}

export interface ChainHead {
  seq: number;
  hash: string;
  legacyCount: number;
}

/**
 * Reserves `count` links of the organization's chain and returns the head before them. The UPDATE
 * takes the head row's lock, held until the caller's transaction ends: concurrent writers of one
 * organization queue here, so links are never forked or skipped. Writers take it last (audit is the
 * last write of a change), which keeps it out of lock cycles with the rows the change touched.
 */
export async function reserveLinks(trx: DbOrTrx, organizationId: string, count: number, now: string): Promise<ChainHead> {
  const bump = () =>
    trx
      .updateTable('audit_chain_heads')
      .set((eb) => ({ seq: eb('seq', '+', count), updated_at: now }))
      .where('organization_id', '=', organizationId)
      .returning(['seq', 'hash', 'legacy_count'])
      .executeTakeFirst();
  let row = await bump();
  if (!row) {
    await trx
      .insertInto('audit_chain_heads')
      .values({ organization_id: organizationId, seq: 0, hash: '', legacy_count: 0, updated_at: now })
      .onConflict((oc) => oc.column('organization_id').doNothing())
      .execute();
    row = await bump();
  }
  if (!row) throw new Error(`audit chain head of ${organizationId} could not be reserved`);
  const seq = Number(row.seq) - count;
  return { seq, hash: seq === 0 ? genesisHash(organizationId, Number(row.legacy_count)) : row.hash, legacyCount: Number(row.legacy_count) };
}

export async function saveHead(trx: DbOrTrx, organizationId: string, hash: string): Promise<void> {
  await trx.updateTable('audit_chain_heads').set({ hash }).where('organization_id', '=', organizationId).execute();
}

/** The organization's last link as committed (null before its first chained event): what a checkpoint publishes. */
export async function committedHead(db: DbOrTrx, organizationId: string): Promise<{ seq: number; hash: string } | null> {
  const row = await db.selectFrom('audit_chain_heads').select(['seq', 'hash']).where('organization_id', '=', organizationId).executeTakeFirst();
  return row && Number(row.seq) > 0 ? { seq: Number(row.seq), hash: row.hash } : null;
}
