import type { AlertRule } from '../../../../contracts/alerts';

/** Each rule in the words of the Alerts table's "Rule" column. */
export const RULE_LABELS: Record<AlertRule, string> = {
  privileged_role_granted: 'Privileged role granted',
  security_policy_changed: 'Security policy changed',
  privileged_passkey_removed: 'Passkey removed from a privileged user',
  failed_sign_ins: 'Many failed sign-ins',
  owner_offboarded: 'Owner offboarded with content',
  token_created: 'New token',
  admin_new_origin: 'Admin signed in from somewhere new',
};

export const RISK_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'gray' };
