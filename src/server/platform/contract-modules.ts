// Every module in src/contracts, by file name: the OpenAPI document names each schema they export.
// A static list rather than a directory read, so the server also runs as one bundled file (dist/server);
// contract-modules.test.ts fails when a contract file is missing here.

import * as accessReviews from '../../contracts/access-reviews.js';
import * as alerts from '../../contracts/alerts.js';
import * as audit from '../../contracts/audit.js';
import * as auth from '../../contracts/auth.js';
import * as bulkJobs from '../../contracts/bulk-jobs.js';
import * as common from '../../contracts/common.js';
import * as csv from '../../contracts/csv.js';
import * as errors from '../../contracts/errors.js';
import * as groups from '../../contracts/groups.js';
import * as invitations from '../../contracts/invitations.js';
import * as logStreaming from '../../contracts/log-streaming.js';
import * as mailbox from '../../contracts/mailbox.js';
import * as offboarding from '../../contracts/offboarding.js';
import * as operator from '../../contracts/operator.js';
import * as organization from '../../contracts/organization.js';
import * as ownership from '../../contracts/ownership.js';
import * as passkeys from '../../contracts/passkeys.js';
import * as permissions from '../../contracts/permissions.js';
import * as roles from '../../contracts/roles.js';
import * as scim from '../../contracts/scim.js';
import * as serviceTokens from '../../contracts/service-tokens.js';
import * as ssoErrors from '../../contracts/sso-errors.js';
import * as ssoSaml from '../../contracts/sso-saml.js';
import * as sso from '../../contracts/sso.js';
import * as usage from '../../contracts/usage.js';
import * as users from '../../contracts/users.js';
import * as workspaces from '../../contracts/workspaces.js';

export const CONTRACT_MODULES: Record<string, Record<string, unknown>> = {
  'access-reviews.ts': accessReviews,
  'alerts.ts': alerts,
  'audit.ts': audit,
  'auth.ts': auth,
  'bulk-jobs.ts': bulkJobs,
  'common.ts': common,
  'csv.ts': csv,
  'errors.ts': errors,
  'groups.ts': groups,
  'invitations.ts': invitations,
  'log-streaming.ts': logStreaming,
  'mailbox.ts': mailbox,
  'offboarding.ts': offboarding,
  'operator.ts': operator,
  'organization.ts': organization,
  'ownership.ts': ownership,
  'passkeys.ts': passkeys,
  'permissions.ts': permissions,
  'roles.ts': roles,
  'scim.ts': scim,
  'service-tokens.ts': serviceTokens,
  'sso-errors.ts': ssoErrors,
  'sso-saml.ts': ssoSaml,
  'sso.ts': sso,
  'usage.ts': usage,
  'users.ts': users,
  'workspaces.ts': workspaces,
};
