import type { Kysely, Transaction } from 'kysely';
import type { AlertCountersTable, AlertDigestSubscribersTable, SecurityAlertsTable, SignInOriginsTable } from '../features/alerts/alerts.table.js';
import type {
  AccessReviewCampaignsTable,
  AccessReviewItemsTable,
  AccessReviewRemindersTable,
  AccessReviewSnapshotsTable,
} from '../features/access-reviews/access-reviews.table.js';
import type { LogStreamDestinationsTable, LogStreamOutboxTable } from '../features/log-streaming/log-streaming.table.js';
import type { AuditChainHeadsTable, AuditEventsTable } from '../features/audit/audit.table.js';
import type { MagicLinksTable, SessionsTable } from '../features/auth/auth.table.js';
import type { GroupMembersTable, GroupsTable } from '../features/groups/groups.table.js';
import type { InvitationsTable } from '../features/invitations/invitations.table.js';
import type { PasskeysTable, WebauthnChallengesTable } from '../features/passkeys/passkeys.table.js';
import type { OperatorEventsTable, OrganizationsTable } from '../features/organizations/organizations.table.js';
import type { ServiceTokensTable } from '../features/service-tokens/service-tokens.table.js';
import type {
  ScimGroupsTable,
  ScimRequestsTable,
  ScimRoleMappingsTable,
  ScimSettingsTable,
  ScimTokensTable,
  ScimUsersTable,
} from '../features/scim/scim.table.js';
import type { SsoSamlAssertionsTable } from '../features/sso/sso.saml.table.js';
import type {
  SsoClientKeysTable,
  SsoConnectionsTable,
  SsoDomainsTable,
  SsoLoginStatesTable,
  SsoManagedMembershipsTable,
  SsoMappedRolesTable,
  SsoRoleRulesTable,
  SsoSettingsTable,
} from '../features/sso/sso.table.js';
import type { RolesTable } from '../features/roles/roles.table.js';
import type { UserCountsTable, UsersTable } from '../features/users/users.table.js';
import type {
  UsageActiveTable,
  UsageDailyTable,
  UsageEventsTable,
  UsageOrgActiveTable,
  UsageOrgDailyTable,
  UsageSettingsTable,
} from '../features/usage/usage.table.js';
import type { WorkspaceMembersTable, WorkspacesTable } from '../features/workspaces/workspaces.table.js';
import type { ContentCollaboratorsTable, ContentItemsTable, WebhookEndpointsTable, WebhookOutboxTable } from '../features/ownership/ownership.table.js';
import type { IdempotencyKeysTable } from '../platform/idempotency.table.js';
import type { BulkJobItemsTable, BulkJobsTable } from '../features/bulk-jobs/bulk-jobs.table.js';
import type { MailOutboxTable } from '../platform/mail/mail.table.js';

/** The union of every feature's tables; each table's shape lives with its feature. */
export interface Database {
  organizations: OrganizationsTable;
  operator_events: OperatorEventsTable;
  users: UsersTable;
  user_counts: UserCountsTable;
  roles: RolesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  invitations: InvitationsTable;
  magic_links: MagicLinksTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  security_alerts: SecurityAlertsTable;
  alert_counters: AlertCountersTable;
  sign_in_origins: SignInOriginsTable;
  alert_digest_subscribers: AlertDigestSubscribersTable;
  log_stream_destinations: LogStreamDestinationsTable;
  log_stream_outbox: LogStreamOutboxTable;
  audit_chain_heads: AuditChainHeadsTable;
  mail_outbox: MailOutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  service_tokens: ServiceTokensTable;
  usage_events: UsageEventsTable;
  usage_daily: UsageDailyTable;
  usage_org_daily: UsageOrgDailyTable;
  usage_active: UsageActiveTable;
  usage_org_active: UsageOrgActiveTable;
  usage_settings: UsageSettingsTable;
  workspaces: WorkspacesTable;
  workspace_members: WorkspaceMembersTable;
  content_items: ContentItemsTable;
  content_collaborators: ContentCollaboratorsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_outbox: WebhookOutboxTable;
  scim_settings: ScimSettingsTable;
  scim_tokens: ScimTokensTable;
  scim_users: ScimUsersTable;
  scim_groups: ScimGroupsTable;
  scim_role_mappings: ScimRoleMappingsTable;
  scim_requests: ScimRequestsTable;
  access_review_snapshots: AccessReviewSnapshotsTable;
  access_review_campaigns: AccessReviewCampaignsTable;
  access_review_items: AccessReviewItemsTable;
  access_review_reminders: AccessReviewRemindersTable;
  sso_connections: SsoConnectionsTable;
  sso_domains: SsoDomainsTable;
  sso_login_states: SsoLoginStatesTable;
  sso_settings: SsoSettingsTable;
  bulk_jobs: BulkJobsTable;
  bulk_job_items: BulkJobItemsTable;
  sso_saml_assertions: SsoSamlAssertionsTable;
  sso_client_keys: SsoClientKeysTable;
  sso_role_rules: SsoRoleRulesTable;
  sso_managed_memberships: SsoManagedMembershipsTable;
  sso_mapped_roles: SsoMappedRolesTable;
}

export type Db = Kysely<Database>;
/** Repositories accept either the database or an open transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';
