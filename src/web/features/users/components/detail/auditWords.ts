import type { AuditEvent } from '../../../../../contracts/audit';
import { formatDateTime } from '../../../../shared/format';

const ACTIONS: Record<string, string> = {
  'user.role_changed': 'Role changed',
  'user.groups_changed': 'Groups changed',
  'user.signed_out_everywhere': 'Signed out everywhere',
  'user.deactivated': 'Deactivated',
  'user.reactivated': 'Reactivated',
  'user.deleted': 'Deleted',
  'user.restored': 'Restored',
  'group.member_added': 'Added to a group',
  'group.member_removed': 'Removed from a group',
  'invitation.sent': 'Invited',
  'invitation.resent': 'Invitation resent',
  'invitation.renewed': 'Invitation renewed',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Accepted the invitation',
  'auth.signed_in': 'Signed in',
  'auth.signed_out': 'Signed out',
  'auth.magic_link_sent': 'Sign-in link sent',
  'passkey.enrolled': 'Passkey added',
  'passkey.removed': 'Passkey removed',
  'passkey.recovery_allowed': 'Passkey recovery allowed',
  'passkey.recovery_enrolled': 'Passkey added without the old one (recovery)',
  'auth.passkey_verified': 'Confirmed with a passkey',
};

/** The action in words: "Role changed". Unknown actions fall back to a tidied key. */
export function actionInWords(action: string): string {
  if (ACTIONS[action]) return ACTIONS[action];
  const [, verb = action] = action.split('.');
  const words = verb.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueInWords(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatDateTime(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(valueInWords).join(', ') : 'none';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    if (typeof o.label === 'string') return o.label;
    return Object.entries(o)
      .map(([k, v]) => `${k}: ${valueInWords(v)}`)
      .join(', ');
  }
  // bigint, symbol or function: not something audit rows hold.
  return typeof value === 'bigint' ? value.toString() : '—';
}

const FIELD_WORDS: Record<string, string> = {
  role: 'Role',
  groups: 'Groups',
  member: 'Member',
  group: 'Group',
  activeSessions: 'Active sessions',
  status: 'Status',
  recoveryUntil: 'Recovery allowed until',
  passkeys: 'Passkeys',
};

/** "Role: Member → Admin" lines for each field that differs between before and after. */
export function changesInWords(event: Pick<AuditEvent, 'before' | 'after'>): string[] {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || typeof after !== 'object') return [`${valueInWords(event.before)} → ${valueInWords(event.after)}`];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const lines: string[] = [];
  for (const key of keys) {
    const b = valueInWords(before[key]);
    const a = valueInWords(after[key]);
    if (b === a) {
      if (key === 'group') lines.push(`Group: ${a}`);
      continue;
    }
    lines.push(`${FIELD_WORDS[key] ?? key}: ${b} → ${a}`);
  }
  return lines;
}
