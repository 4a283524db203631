import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026_11_29_0001_initial.js';
import * as passkeys from './migrations/2026_11_29_0003_passkeys.js';
import * as usage from './migrations/2026_11_29_0005_usage.js';
import * as groupMemberSortKeys from './migrations/2026_11_29_0006_group_member_sort_keys.js';
import * as workspacesOwnership from './migrations/2026_11_29_0004_workspaces_ownership.js';
import * as mailOutboxLease from './migrations/2026_11_30_0007_mail_outbox_lease.js';
import * as userManagerGrantsDefaultRole from './migrations/2026_11_30_0008_user_manager_grants_default_role.js';
import * as passkeyRecovery from './migrations/2026_11_30_0009_passkey_recovery.js';
import * as maintainedCounts from './migrations/2026_11_30_0010_maintained_counts.js';
import * as manyOrganizations from './migrations/2026_11_30_0011_many_organizations.js';
import * as scim from './migrations/2026_11_30_0013_scim.js';
import * as scimMappingsLog from './migrations/2026_11_30_0014_scim_mappings_log.js';
import * as invitationsByUser from './migrations/2026_11_30_0018_invitations_by_user.js';
import * as securityAlerts from './migrations/2026_11_30_0019_security_alerts.js';
import * as logStreaming from './migrations/2026_11_30_0020_log_streaming.js';
import * as accessReviews from './migrations/2026_11_30_0016_access_reviews.js';
import * as sso from './migrations/2026_11_30_0017_sso.js';
import * as ssoMappings from './migrations/2026_12_01_0022_sso_mappings.js';
import * as auditChainAndSearch from './migrations/2026_11_30_0015_audit_chain_and_search.js';
import * as saml from './migrations/2026_12_01_0021_saml.js';
import * as bulkJobs from './migrations/2026_12_01_0023_bulk_jobs.js';
import * as auditTextSearch from './migrations/2026_12_01_0024_audit_text_search.js';
import * as auditTextStatistics from './migrations/2026_12_01_0025_audit_text_statistics.js';
import * as bulkJobPayload from './migrations/2026_12_01_0026_bulk_job_payload.js';
import * as alertTitleMessage from './migrations/2026_12_01_0027_alert_title_message.js';
import * as bulkJobMessages from './migrations/2026_12_01_0028_bulk_job_messages.js';
import * as usersNameSearchWalk from './migrations/2026_12_01_0029_users_name_search_walk.js';
import * as auditSubjectText from './migrations/2026_12_02_0030_audit_subject_text.js';

// Listed explicitly (not read from disk) so the same list works under tsx, in tests and in bundles.
const migrations: Record<string, Migration> = {
  '2026_11_29_0001_initial': initial,
  '2026_11_29_0003_passkeys': passkeys,
  '2026_11_29_0005_usage': usage,
  '2026_11_29_0004_workspaces_ownership': workspacesOwnership,
  '2026_11_29_0006_group_member_sort_keys': groupMemberSortKeys,
  '2026_11_30_0007_mail_outbox_lease': mailOutboxLease,
  '2026_11_30_0008_user_manager_grants_default_role': userManagerGrantsDefaultRole,
  '2026_11_30_0009_passkey_recovery': passkeyRecovery,
  '2026_11_30_0010_maintained_counts': maintainedCounts,
  '2026_11_30_0011_many_organizations': manyOrganizations,
  '2026_11_30_0013_scim': scim,
  '2026_11_30_0014_scim_mappings_log': scimMappingsLog,
  '2026_11_30_0018_invitations_by_user': invitationsByUser,
  '2026_11_30_0019_security_alerts': securityAlerts,
  '2026_11_30_0020_log_streaming': logStreaming,
  '2026_11_30_0016_access_reviews': accessReviews,
  '2026_11_30_0017_sso': sso,
  '2026_11_30_0015_audit_chain_and_search': auditChainAndSearch,
  '2026_12_01_0021_saml': saml,
  '2026_12_01_0022_sso_mappings': ssoMappings,
  '2026_12_01_0023_bulk_jobs': bulkJobs,
  '2026_12_01_0024_audit_text_search': auditTextSearch,
  '2026_12_01_0025_audit_text_statistics': auditTextStatistics,
  '2026_12_01_0026_bulk_job_payload': bulkJobPayload,
  '2026_12_01_0027_alert_title_message': alertTitleMessage,
  '2026_12_01_0028_bulk_job_messages': bulkJobMessages,
  '2026_12_01_0029_users_name_search_walk': usersNameSearchWalk,
  '2026_12_02_0030_audit_subject_text': auditSubjectText,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** `schema`: PostgreSQL schema that holds the migration bookkeeping (tests run one schema per file). */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  await migrate(db, schema, (migrator) => migrator.migrateToLatest());
}

/** Up (or down) to the named migration: upgrade tests start from an older schema. */
export async function migrateTo(db: Kysely<any>, name: string, schema?: string): Promise<void> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  await migrate(db, schema, (migrator) => migrator.migrateTo(name));
}

async function migrate(db: Kysely<any>, schema: string | undefined, run: (migrator: Migrator) => ReturnType<Migrator['migrateToLatest']>): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await run(migrator);
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`);
  }
}
