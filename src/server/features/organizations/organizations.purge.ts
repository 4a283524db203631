// Deleting an organization removes every row it owns, in one transaction.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/**
 * Every table that holds an organization's rows, children before parents (the foreign keys:
 * members before groups, content before its owners, users before roles, all before the organization).
 * The organizations test checks after a deletion that no table with an organization_id column still
 * holds a row of it, so a table added later without being listed here fails that test.
 *
 * The one place that touches other features' tables: removing a whole tenant is not a change any one
 * feature owns, and a row-by-row removal through each feature would take minutes at a million users.
 */
export const ORGANIZATION_TABLES = [
  'log_stream_outbox',
  'log_stream_destinations',
  'security_alerts',
  'alert_counters',
  'sign_in_origins',
  'alert_digest_subscribers',
  'webhook_outbox',
  'webhook_endpoints',
  'content_collaborators',
  'content_items',
  'workspace_members',
  'workspaces',
  'usage_events',
  'usage_daily',
  'usage_org_daily',
  'usage_active',
  'usage_org_active',
  'usage_settings',
  'idempotency_keys',
  'mail_outbox',
  'webauthn_challenges',
  'service_tokens',
  'invitations',
  'magic_links',
  'sessions',
  'passkeys',
  'group_members',
  'groups',
  'users',
  'user_counts',
  'roles',
  'audit_events',
  'audit_chain_heads',
] as const;

/** Removes the organization's rows from every table and then the organization; returns rows removed per table. */
export async function purgeOrganizationRows(trx: DbOrTrx, organizationId: string): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const table of ORGANIZATION_TABLES) {
    const result = await sql`DELETE FROM ${sql.table(table)} WHERE organization_id = ${organizationId}`.execute(trx);
    const n = Number(result.numAffectedRows ?? 0);
    if (n > 0) removed[table] = n;
  }
  await trx.deleteFrom('organizations').where('id', '=', organizationId).execute();
  return removed;
}
