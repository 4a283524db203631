// Verifying an organization's audit hash chain: every link recomputed from the stored rows.
import type { ChainBreak, ChainVerification } from '../../../contracts/audit.js';
import type { DbOrTrx } from '../../db/database.js';
import { eventHash, genesisHash, personalDigest } from '../../platform/audit-chain.js';
import type { AuditEventRow } from './audit.table.js';

const BATCH = 1000;

type Broken = NonNullable<ChainVerification['firstBroken']>;

function broken(row: Pick<AuditEventRow, 'id' | 'chain_seq'> | null, kind: ChainBreak, message: string): Broken {
  return { eventId: row?.id ?? null, seq: row?.chain_seq ?? null, kind, message };
}

/** Purge events named by redacted rows: an erasure is legitimate only when such an event, later in the chain, made it. */
async function purgeSeqs(db: DbOrTrx, organizationId: string, rows: AuditEventRow[]): Promise<Map<string, number>> {
  const ids = [...new Set(rows.map((r) => r.redacted_by).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const found = await db
    .selectFrom('audit_events')
    .select(['id', 'chain_seq'])
    .where('organization_id', '=', organizationId)
    .where('action', '=', 'user.purged')
    .where('id', 'in', ids)
    .execute();
  return new Map(found.filter((f) => f.chain_seq !== null).map((f) => [f.id, Number(f.chain_seq)]));
}

function checkRow(row: AuditEventRow, seq: number, prev: string, purges: Map<string, number>): Broken | null {
  if (Number(row.chain_seq) !== seq) return broken(row, 'sequence_gap', `Expected link ${seq}, found ${row.chain_seq}: events were removed or inserted.`);
  if (row.prev_hash !== prev) return broken(row, 'prev_hash_mismatch', `Link ${seq} does not point at the hash of link ${seq - 1}.`);
  const digest = personalDigest(row);
  if (digest !== row.personal_digest) {
    const purgedAt = row.redacted_by ? purges.get(row.redacted_by) : undefined;
    if (purgedAt === undefined || purgedAt <= seq)
      return broken(row, 'personal_fields_changed', `Link ${seq}: names, before/after, IP or user agent were changed, and no purge erased them.`);
  }
  const hash = eventHash({ ...row, chain_seq: seq, personal_digest: row.personal_digest ?? '', prev_hash: prev });
  if (hash !== row.hash) return broken(row, 'hash_mismatch', `Link ${seq}: the stored event does not match its hash (a field was edited).`);
  return null;
}

/**
 * Recomputes an organization's chain from its first link to its head, in batches (memory stays flat
 * at any size), and reports the first link that fails. Also checks the head row (events removed from
 * the end) and the count of events older than the chain (events slipped in as "legacy").
 */
export async function verifyChain(db: DbOrTrx, organizationId: string): Promise<ChainVerification> {
  const head = (await db.selectFrom('audit_chain_heads').selectAll().where('organization_id', '=', organizationId).executeTakeFirst()) ?? {
    seq: 0,
    hash: '',
    legacy_count: 0,
  };
  const legacy = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  const result: ChainVerification = {
    organizationId,
    ok: true,
    checked: 0,
    legacyEvents: Number(legacy.n),
    redactedEvents: 0,
    head: { seq: Number(head.seq), hash: head.hash },
    firstBroken: null,
  };
  const finish = (firstBroken: Broken | null) => ({ ...result, ok: firstBroken === null, firstBroken });
  if (Number(legacy.n) !== Number(head.legacy_count))
    return finish(broken(null, 'legacy_count_mismatch', `${legacy.n} events predate the chain, but ${head.legacy_count} did when it started.`));

  let prev = genesisHash(organizationId, Number(head.legacy_count));
  let seq = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('chain_seq', '>', seq)
      .orderBy('chain_seq')
      .limit(BATCH)
      .execute();
    const purges = await purgeSeqs(db, organizationId, rows);
    for (const row of rows) {
      const bad = checkRow(row, seq + 1, prev, purges);
      if (bad) return finish(bad);
      seq += 1;
      prev = row.hash!;
      result.checked += 1;
      if (row.redacted_by) result.redactedEvents += 1;
    }
    if (rows.length < BATCH) break;
  }
  if (seq !== Number(head.seq) || (seq > 0 && prev !== head.hash))
    return finish(broken(null, 'head_mismatch', `The chain ends at link ${seq}, but its head says ${head.seq}: events were removed from the end.`));
  return finish(null);
}
