import type { Catalogue } from './catalogue';
import * as parts from './en';

/**
 * The English catalogue: every user-facing string of the converted pages, by key. It is split by area
 * (en/*.ts) only to keep files short; keys are unique across the parts (i18n.test.ts checks it). A translation is another object with the same keys.
 */
export const messagesEn = {
  ...parts.shell,
  ...parts.users,
  ...parts.common,
  ...parts.invite,
  ...parts.roles,
  ...parts.groups,
  ...parts.workspaces,
  ...parts.overview,
  ...parts.userDetail,
  ...parts.audit,
  ...parts.offboarding,
  ...parts.invitations,
  ...parts.reason,
  ...parts.groupDetail,
  ...parts.workspaceDetail,
  ...parts.deletion,
  ...parts.pages,
  ...parts.securityCenter,
  ...parts.permissions,
  ...parts.roleEditor,
  ...parts.helpChoose,
  ...parts.settings,
  ...parts.sso,
  ...parts.integrations,
  ...parts.account,
  ...parts.signIn,
  ...parts.alerts,
  ...parts.reviews,
  ...parts.inviteMany,
  ...parts.palette,
  ...parts.bulk,
  ...parts.reviewCampaigns,
  ...parts.accessDenied,
  ...parts.auditActions,
  ...parts.errors,
  ...parts.ssoErrors,
  ...parts.errorDetails,
  ...parts.userChecklist,
} as const satisfies Catalogue;

export type Messages = typeof messagesEn;
export type MessageKey = keyof Messages;
