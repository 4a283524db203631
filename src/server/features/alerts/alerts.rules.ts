import { isPrivilegedSet } from '../../../contracts/permissions.js';
import type { AlertRule } from '../../../contracts/alerts.js';
import type { DbOrTrx } from '../../db/database.js';
import type { AuditObserver, WrittenAuditEvent } from '../../platform/deps.js';
import { deviceLabel } from '../../platform/device.js';
import { noteFailedSignIn, noteSignInOrigin } from './alerts.signals.js';
import type { NewSecurityAlertRow } from './alerts.table.js';

/** What a rule found in one event; the event supplies the actor, subject and time. */
export interface Finding {
  rule: AlertRule;
  risk: 'medium' | 'high';
  /** The title in English (API clients, digests) and as a message the console words: `alert.title.<code>`. */
  title: string;
  titleMessage: { code: string; values: Record<string, string> };
  link: string | null;
}

/** One evaluation's lookups, shared by the rules (a bulk change writes thousands of events about a few roles). */
class Lookups {
  private readonly rolePrivilege = new Map<string, boolean>();
  constructor(readonly trx: DbOrTrx) {}

  async roleIsPrivileged(roleId: string | undefined): Promise<boolean> {
    if (!roleId) return false;
    let known = this.rolePrivilege.get(roleId);
    if (known === undefined) {
      const row = await this.trx.selectFrom('roles').select('permissions').where('id', '=', roleId).executeTakeFirst();
      known = row ? isPrivilegedSet(JSON.parse(row.permissions) as string[]) : false;
      this.rolePrivilege.set(roleId, known);
    }
    return known;
  }

  async userIsPrivileged(userId: string | null | undefined): Promise<boolean> {
    if (!userId) return false;
    const row = await this.trx.selectFrom('users').select('role_id').where('id', '=', userId).executeTakeFirst();
    return this.roleIsPrivileged(row?.role_id);
  }
}

type Rule = (event: WrittenAuditEvent, look: Lookups) => Promise<Finding | Finding[] | null>;

/** The parts of audit before/after payloads the rules read. */
interface Payload {
  role?: { id?: string; name?: string };
  securityPolicy?: unknown;
  gained?: string[];
  lost?: string[];
}

function json(text: string | null | undefined): Payload {
  return text ? ((JSON.parse(text) as Payload | null) ?? {}) : {};
}

const userLink = (event: WrittenAuditEvent) => (event.subject_type === 'user' && event.subject_id ? `/admin/users/${event.subject_id}` : null);

const privilegedRoleGranted: Rule = async (event, look) => {
  if (event.action !== 'user.role_changed') return null;
  const before = json(event.before).role;
  const after = json(event.after).role;
  if (!(await look.roleIsPrivileged(after?.id)) || (await look.roleIsPrivileged(before?.id))) return null;
  return {
    rule: 'privileged_role_granted',
    risk: 'high',
    title: `${event.subject_label} was given the privileged role ${after?.name}.`,
    titleMessage: { code: 'privileged_role_granted', values: { subject: event.subject_label ?? '', role: after?.name ?? '' } },
    link: userLink(event),
  };
};

const securityPolicyChanged: Rule = async (event): Promise<Finding | null> => {
  if (event.action === 'organization.settings_updated' && event.category === 'policy')
    return {
      rule: 'security_policy_changed',
      risk: 'high',
      title: 'The organization’s passkey policy was changed.',
      titleMessage: { code: 'security_policy_changed.organization', values: {} },
      link: '/admin/settings',
    };
  if (event.action !== 'role.updated') return null;
  const before = json(event.before);
  const after = json(event.after);
  const policyChanged = JSON.stringify(before.securityPolicy) !== JSON.stringify(after.securityPolicy);
  const privilegeChanged = isPrivilegedSet([...(after.gained ?? []), ...(after.lost ?? [])]);
  if (!policyChanged && !privilegeChanged) return null;
  const what = policyChanged ? 'security policy' : 'privileged permissions';
  return {
    rule: 'security_policy_changed',
    risk: 'high',
    title: `The ${what} of the role ${event.subject_label} changed.`,
    titleMessage: { code: `security_policy_changed.${policyChanged ? 'role_policy' : 'role_privileges'}`, values: { role: event.subject_label ?? '' } },
    link: `/admin/roles/${event.subject_id}`,
  };
};

const privilegedPasskeyRemoved: Rule = async (event, look) => {
  if (event.action !== 'passkey.removed' || !(await look.userIsPrivileged(event.subject_id))) return null;
  return {
    rule: 'privileged_passkey_removed',
    risk: 'high',
    title: `A passkey was removed from ${event.subject_label}, who holds a privileged role.`,
    titleMessage: { code: 'privileged_passkey_removed', values: { subject: event.subject_label ?? '' } },
    link: userLink(event),
  };
};

/** Failed sign-ins, counted per address and per IP in the event's 15-minute window (alerts.signals.ts). */
export function isFailedSignIn(event: Pick<WrittenAuditEvent, 'action' | 'category'>): boolean {
  return event.category === 'auth' && (event.action.endsWith('_failed') || event.action === 'auth.rate_limited');
}

const failedSignIns: Rule = async (event, look) => {
  if (!isFailedSignIn(event)) return null;
  const findings: Finding[] = [];
  const keys: ['address' | 'ip', string | null, string | null][] = [
    ['address', event.subject_label ? `address ${event.subject_label}` : null, event.subject_label ?? null],
    ['ip', event.ip ? `IP ${event.ip}` : null, event.ip ?? null],
  ];
  for (const [kind, key, value] of keys) {
    if (key && value && (await noteFailedSignIn(look.trx, event, key)))
      findings.push({
        rule: 'failed_sign_ins',
        risk: 'high',
        title: `Many failed sign-ins for ${key} within 15 minutes.`,
        titleMessage: { code: `failed_sign_ins.${kind}`, values: { value } },
        link: userLink(event),
      });
  }
  return findings;
};

const ownerOffboarded: Rule = async (event, look) => {
  if ((event.action !== 'user.deactivated' && event.action !== 'user.deleted') || !event.subject_id) return null;
  const owned = await look.trx
    .selectFrom('content_items')
    .select('id')
    .where('organization_id', '=', event.organization_id)
    .where('owner_user_id', '=', event.subject_id)
    .limit(1)
    .executeTakeFirst();
  if (!owned) return null;
  const verb = event.action === 'user.deleted' ? 'deleted' : 'deactivated';
  return {
    rule: 'owner_offboarded',
    risk: 'medium',
    title: `${event.subject_label} was ${verb} while still owning content.`,
    titleMessage: { code: `owner_offboarded.${verb}`, values: { subject: event.subject_label ?? '' } },
    link: userLink(event),
  };
};

const tokenCreated: Rule = async (event) => {
  const kind = event.action === 'service_token.created' ? 'service' : event.action === 'scim_token.created' ? 'SCIM' : null;
  if (!kind) return null;
  return {
    rule: 'token_created',
    risk: 'medium',
    title: `A new ${kind} token “${event.subject_label}” was created.`,
    titleMessage: { code: `token_created.${kind === 'SCIM' ? 'scim' : 'service'}`, values: { label: event.subject_label ?? '' } },
    link: '/admin/integrations',
  };
};

/** Where a sign-in came from, without an external service: the browser and OS, and the IP's network. */
export function networkOf(ip: string): string {
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::/48`;
  return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
}

const adminNewOrigin: Rule = async (event, look) => {
  if (event.action !== 'auth.signed_in' || !event.subject_id || !(await look.userIsPrivileged(event.subject_id))) return null;
  const origins: ['device' | 'network', string | null][] = [
    ['device', event.user_agent ? deviceLabel(event.user_agent) : null],
    ['network', event.ip ? networkOf(event.ip) : null],
  ];
  const findings: Finding[] = [];
  for (const [kind, value] of origins) {
    if (value && (await noteSignInOrigin(look.trx, event, kind, value)))
      findings.push({
        rule: 'admin_new_origin',
        risk: 'high',
        title: `${event.subject_label} (privileged) signed in from a new ${kind}: ${value}.`,
        titleMessage: { code: `admin_new_origin.${kind}`, values: { subject: event.subject_label ?? '', value } },
        link: userLink(event),
      });
  }
  return findings;
};

const RULES: Rule[] = [privilegedRoleGranted, securityPolicyChanged, privilegedPasskeyRemoved, failedSignIns, ownerOffboarded, tokenCreated, adminNewOrigin];

function toRow(event: WrittenAuditEvent, finding: Finding, newId: () => string): NewSecurityAlertRow {
  return {
    id: newId(),
    organization_id: event.organization_id,
    rule: finding.rule,
    risk: finding.risk,
    title: finding.title,
    title_code: finding.titleMessage.code,
    title_values: JSON.stringify(finding.titleMessage.values),
    actor_user_id: event.actor_user_id ?? null,
    actor_label: event.actor_label,
    subject_type: event.subject_type ?? null,
    subject_id: event.subject_id ?? null,
    subject_label: event.subject_label ?? null,
    link: finding.link,
    event_id: event.id,
    status: 'open',
    created_at: event.created_at,
  };
}

/** The audit observer: every rule over every event just written, alerts inserted in the same transaction. */
export const raiseSecurityAlerts: AuditObserver = async (trx, ctx, events) => {
  const look = new Lookups(trx);
  const rows: NewSecurityAlertRow[] = [];
  for (const event of events) {
    if (event.action.startsWith('alert.')) continue;
    for (const rule of RULES) {
      const found = await rule(event, look);
      for (const finding of found === null ? [] : Array.isArray(found) ? found : [found]) rows.push(toRow(event, finding, ctx.deps.newId));
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('security_alerts')
      .values(rows.slice(i, i + 200))
      .execute();
};
