import type { Deps } from '../../platform/deps.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import type { DbOrTrx } from '../../db/database.js';
import { ingestUsageEvents } from '../usage/index.js';
import { recordAudit } from '../../platform/audit.js';
import { addToGroup, seedGroup } from '../groups/index.js';
import { fillDemoContent } from '../ownership/index.js';
import { addInvitationRecord } from '../invitations/index.js';
import { createUserAccount } from '../users/index.js';

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Tim',
  'Barbara',
  'Dennis',
  'Frances',
  'Ken',
  'Radia',
  'Edsger',
  'Hedy',
  'John',
  'Sophie',
  'Yusuf',
  'Mei',
  'Ravi',
  'Olga',
  'Kwame',
  'Lucia',
  'Hiro',
  'Amara',
  'Mateo',
  'Ingrid',
  'Tariq',
  'Nadia',
  'Pablo',
  'Zara',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Berners-Lee',
  'Liskov',
  'Ritchie',
  'Allen',
  'Thompson',
  'Perlman',
  'Dijkstra',
  'Lamarr',
  'Backus',
  'Wilson',
  'Demir',
  'Chen',
  'Patel',
  'Ivanova',
  'Mensah',
  'García',
  'Tanaka',
  'Okafor',
  'Rossi',
  'Larsen',
  'Haddad',
  'Novak',
  'Silva',
  'Ahmed',
];
const GROUPS = [
  ['Finance', 'Department: budgeting, accounting and procurement'],
  ['Legal', 'Department: contracts and compliance'],
  ['Sales EMEA', 'Site team for Europe, Middle East and Africa'],
  ['Sales Americas', 'Site team for North and South America'],
  ['Engineering', 'Department: product and platform engineering'],
  ['Support Berlin', 'Site team: customer support in Berlin'],
  ['Project Atlas', 'Project cohort for the Atlas migration'],
  ['Reviewers', 'Reviewer group for published content'],
  ['Marketing', 'Department: brand and campaigns'],
  ['New joiners', ''],
] as const;

// A seeded generator (mulberry32): two demo runs produce the same organization.
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length];
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.@-]/g, '');
}

interface DemoScene {
  organizationId: string;
  roles: Map<string | null, string>;
  adminId: string | null;
  groupIds: string[];
  now: number;
  random: () => number;
  weighted: (pairs: [string, number][]) => string;
}

/** Person number `i`: an account in some state and role, one or two groups, an invitation if invited. */
async function addDemoPerson(trx: DbOrTrx, deps: Deps, scene: DemoScene, i: number): Promise<void> {
  const { organizationId, roles, groupIds, now, random, weighted } = scene;
  const first = pick(FIRST, i);
  const last = pick(LAST, Math.floor(i / FIRST.length) * 7 + i);
  const name = `${first} ${last}`;
  const email = ascii(`${first}.${last}${i >= FIRST.length * 4 ? i : ''}@example.com`);
  const roleKey = weighted([
    ['member', 150],
    ['viewer', 40],
    ['publisher', 18],
    ['user_manager', 4],
    ['security_reviewer', 3],
    ['integration_admin', 2],
    ['admin', 2],
  ]);
  const status = weighted([
    ['active', 200],
    ['invited', 24],
    ['deactivated', 12],
  ]) as 'active' | 'invited' | 'deactivated';
  const created = new Date(now - Math.floor(random() * 400) * 86_400_000).toISOString();
  const lastActive = status === 'active' && random() > 0.08 ? new Date(now - Math.floor(random() ** 2 * 120 * 86_400_000)).toISOString() : null;
  const id = deps.newId();
  await createUserAccount(trx, {
    id,
    organization_id: organizationId,
    email,
    email_normalized: email,
    name,
    role_id: roles.get(roleKey)!,
    status,
    invited_by: scene.adminId,
    invited_at: created,
    activated_at: status === 'invited' ? null : created,
    last_sign_in_at: lastActive,
    last_active_at: lastActive,
    deactivated_at: status === 'deactivated' ? created : null,
    version: 1,
    created_at: created,
    updated_at: created,
  });
  const primary = Math.floor(random() * (groupIds.length - 1));
  if (random() > 0.08) await addToGroup(trx, organizationId, groupIds[primary], [id], scene.adminId, created);
  if (random() > 0.7)
    await addToGroup(trx, organizationId, groupIds[(primary + 1 + Math.floor(random() * 3)) % (groupIds.length - 1)], [id], scene.adminId, created);
  if (status === 'invited') {
    await addInvitationRecord(trx, {
      id: deps.newId(),
      organization_id: organizationId,
      user_id: id,
      email_normalized: email,
      role_id: roles.get(roleKey)!,
      group_id: null,
      invited_by: scene.adminId,
      token_hash: hashToken(newToken()),
      status: 'pending',
      // Some are already expired, as in any real organization.
      expires_at: new Date(now + (random() > 0.3 ? 5 : -2) * 86_400_000).toISOString(),
      sent_count: 1,
      created_at: created,
      updated_at: created,
      accepted_at: null,
      revoked_at: null,
    });
  }
}

/** Fills an organization with a realistic sample: 240 people across roles, groups and states. */
export async function fillDemoOrganization(deps: Deps, organizationId: string, count = 240): Promise<number> {
  const existing = await deps.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 5) return 0;
  const roles = new Map(
    (await deps.db.selectFrom('roles').select(['id', 'system_key']).where('organization_id', '=', organizationId).execute()).map((r) => [r.system_key, r.id]),
  );
  const admin = await deps.db.selectFrom('users').select('id').where('organization_id', '=', organizationId).orderBy('created_at').executeTakeFirst();
  const now = deps.clock().getTime();
  const random = generator(42);
  const weighted = (pairs: [string, number][]) => {
    let r = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
    return pairs[0][0];
  };
  await deps.db.transaction().execute(async (trx) => {
    const groupIds: string[] = [];
    for (const [name, description] of GROUPS) groupIds.push(await seedGroup(trx, deps, organizationId, name, description));
    const scene: DemoScene = { organizationId, roles, adminId: admin?.id ?? null, groupIds, now, random, weighted };
    for (let i = 0; i < count; i++) await addDemoPerson(trx, deps, scene, i);
    const content = await fillDemoContent(trx, deps, organizationId);
    await recordAudit(
      trx,
      { deps, organizationId, actor: null, ip: null, userAgent: null },
      {
        action: 'organization.demo_filled',
        category: 'admin',
        risk: 'low',
        subject: { type: 'organization', id: organizationId, label: 'Demo data' },
        after: { users: count, groups: GROUPS.length, ...content },
      },
    );
  });
  await fillDemoUsage(deps, organizationId, random);
  return count;
}

const DEMO_EVENT_TYPES = [
  'chat_message',
  'chat_message',
  'chat_message',
  'artifact_edited',
  'artifact_created',
  'workspace_visit',
  'orchestration_run',
  'sign_in',
] as const;

/**
 * Usage as Sofie's services would have reported it over the last 60 days, through the real ingestion
 * path so rollups, trends and last-active agree with the raw events.
 */
async function fillDemoUsage(deps: Deps, organizationId: string, random: () => number): Promise<void> {
  const now = deps.clock().getTime();
  const users = await deps.db.selectFrom('users').select('id').where('organization_id', '=', organizationId).where('status', '=', 'active').execute();
  const events: { id: string; userId: string; type: string; occurredAt: string; quantity: number }[] = [];
  for (const [u, user] of users.entries()) {
    if (random() < 0.25) continue; // some people simply do not use Sofie
    const intensity = random() * random() * 6;
    for (let day = 59; day >= 0; day--) {
      const weekday = new Date(now - day * 86_400_000).getUTCDay();
      const perDay = Math.floor(intensity * (weekday === 0 || weekday === 6 ? 0.2 : 1) * random() * 2);
      for (let e = 0; e < perDay; e++) {
        const type = DEMO_EVENT_TYPES[Math.floor(random() * DEMO_EVENT_TYPES.length)];
        const at = now - day * 86_400_000 - Math.floor(random() * 10 * 3_600_000) - 60_000;
        events.push({
          id: `demo-${u}-${day}-${e}`,
          userId: user.id,
          type,
          occurredAt: new Date(at).toISOString(),
          quantity: type === 'chat_message' ? 200 + Math.floor(random() * 1800) : 1,
        });
      }
    }
  }
  const ctx = { deps, organizationId, actor: null, ip: null, userAgent: 'service:demo' };
  for (let i = 0; i < events.length; i += 1000) await ingestUsageEvents(ctx, events.slice(i, i + 1000));
}
