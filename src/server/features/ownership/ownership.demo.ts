import { CONTENT_TYPES, type CollaboratorRole, type ContentType } from '../../../contracts/ownership.js';
import type { WorkspaceRole, WorkspaceType } from '../../../contracts/workspaces.js';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso, type Deps } from '../../platform/deps.js';
import { insertItems, insertSeats } from './ownership.repository.js';
import type { CollaboratorRow, NewContentItemRow } from './ownership.table.js';

const WORKSPACES: [string, WorkspaceType][] = [
  ['Company handbook', 'organization'],
  ['Q3 board pack', 'collaborative'],
  ['Atlas migration', 'collaborative'],
  ['EMEA pipeline', 'collaborative'],
  ['Brand refresh', 'collaborative'],
  ['Support playbooks', 'collaborative'],
  ['Legal templates', 'collaborative'],
];
const TITLES: Record<ContentType, string[]> = {
  workspace: [],
  codraft: ['Press release', 'Customer letter', 'Quarterly update', 'Policy draft', 'Blog post'],
  cosheet: ['Budget 2027', 'Hiring plan', 'Pipeline forecast', 'Vendor list'],
  comeeting: ['Weekly sync', 'Board prep', 'Retro notes', 'Kick-off'],
  template: ['Offer letter', 'NDA', 'Status report', 'Incident review'],
  orchestration: ['Lead routing', 'Invoice approval', 'Ticket triage'],
  sequence: ['Onboarding emails', 'Renewal reminders', 'Trial nurture', 'Event follow-up'],
};

/** What every step of the demo fill shares. */
interface DemoSeed {
  trx: DbOrTrx;
  deps: Deps;
  organizationId: string;
  now: string;
  /** The i-th active user, wrapping around, so any index names someone. */
  user: (i: number) => string;
}

/**
 * Adds Workspaces (members as users and groups) and owned content with collaborators to a demo
 * organization, deterministically, so offboarding has something real to review.
 */
export async function fillDemoContent(trx: DbOrTrx, deps: Deps, organizationId: string): Promise<{ workspaces: number; items: number }> {
  const users = await trx
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const groups = await trx.selectFrom('groups').select('id').where('organization_id', '=', organizationId).orderBy('name').execute();
  if (users.length < 5) return { workspaces: 0, items: 0 };
  const seed: DemoSeed = { trx, deps, organizationId, now: nowIso(deps), user: (i) => users[i % users.length].id };
  const sharedItems = await addSharedWorkspaces(seed, groups);
  const personalItems = await addPersonalWorkspaces(seed);
  // A Workspace's registry item carries the Workspace id as its external id.
  const sharedWorkspaceIds = sharedItems.map((item) => item.external_id);
  const content = demoOwnedContent(seed, users.length, sharedWorkspaceIds);
  const items = [...sharedItems, ...personalItems, ...content.items];
  await insertItems(trx, items);
  await insertSeats(trx, content.seats);
  return { workspaces: sharedWorkspaceIds.length + personalItems.length, items: items.length };
}

/** The registry item of a Workspace (its external id is the Workspace id). */
function workspaceItem(seed: DemoSeed, workspaceId: string, title: string, owner: string): NewContentItemRow {
  return {
    id: seed.deps.newId(),
    organization_id: seed.organizationId,
    external_id: workspaceId,
    type: 'workspace',
    title,
    owner_user_id: owner,
    workspace_id: workspaceId,
    sequence_status: null,
    paused_for_user_id: null,
    version: 1,
    created_at: seed.now,
    updated_at: seed.now,
  };
}

/** The organization-wide and collaborative Workspaces, each with an admin, a group and a few people; returns their items. */
async function addSharedWorkspaces(seed: DemoSeed, groups: { id: string }[]): Promise<NewContentItemRow[]> {
  const { trx, deps, organizationId, now, user } = seed;
  const items: NewContentItemRow[] = [];
  for (const [i, [name, type]] of WORKSPACES.entries()) {
    const id = deps.newId();
    const owner = user(i * 7 + 1);
    await trx
      .insertInto('workspaces')
      .values({ id, organization_id: organizationId, name, type, description: '', created_by: owner, created_at: now, updated_at: now })
      .execute();
    const members: { member_type: 'user' | 'group'; member_id: string; role: WorkspaceRole }[] = [{ member_type: 'user', member_id: owner, role: 'admin' }];
    if (groups.length && type !== 'organization')
      members.push({ member_type: 'group', member_id: groups[i % groups.length].id, role: i % 2 ? 'editor' : 'viewer' });
    for (const k of [2, 3])
      if (user(i * 7 + k) !== owner) members.push({ member_type: 'user', member_id: user(i * 7 + k), role: k === 2 ? 'editor' : 'viewer' });
    await trx
      .insertInto('workspace_members')
      .values(members.map((m) => ({ ...m, organization_id: organizationId, workspace_id: id, added_by: owner, added_at: now })))
      .execute();
    items.push(workspaceItem(seed, id, name, owner));
  }
  return items;
}

/** Personal Workspaces for the first few people; returns their items. */
async function addPersonalWorkspaces(seed: DemoSeed): Promise<NewContentItemRow[]> {
  const { trx, deps, organizationId, now, user } = seed;
  const items: NewContentItemRow[] = [];
  for (let i = 0; i < 6; i++) {
    const id = deps.newId();
    const owner = user(i);
    await trx
      .insertInto('workspaces')
      .values({
        id,
        organization_id: organizationId,
        name: `Personal ${i + 1}`,
        type: 'personal',
        description: '',
        created_by: owner,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('workspace_members')
      .values({ organization_id: organizationId, workspace_id: id, member_type: 'user', member_id: owner, role: 'admin', added_by: owner, added_at: now })
      .execute();
    items.push(workspaceItem(seed, id, `Personal ${i + 1}`, owner));
  }
  return items;
}

/** Zero to two items of each content type for each of the first 40 people, spread over the shared Workspaces, with collaborators on half. */
function demoOwnedContent(seed: DemoSeed, userCount: number, workspaceIds: string[]): { items: NewContentItemRow[]; seats: CollaboratorRow[] } {
  const { deps, organizationId, now, user } = seed;
  const items: NewContentItemRow[] = [];
  const seats: CollaboratorRow[] = [];
  let n = 0;
  for (let u = 0; u < Math.min(userCount, 40); u++) {
    for (const type of CONTENT_TYPES.filter((t) => t !== 'workspace')) {
      const count = (u + type.length) % 3;
      for (let k = 0; k < count; k++) {
        const id = deps.newId();
        const titles = TITLES[type];
        items.push({
          id,
          organization_id: organizationId,
          external_id: `demo-${type}-${n}`,
          type,
          title: `${titles[n % titles.length]} ${n}`,
          owner_user_id: user(u),
          workspace_id: workspaceIds[n % workspaceIds.length],
          sequence_status: type === 'sequence' ? (n % 3 ? 'active' : 'paused') : null,
          paused_for_user_id: null,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        const roles: CollaboratorRole[] = ['editor', 'commenter', 'viewer'];
        for (const c of [u + 3, u + 11])
          if (user(c) !== user(u) && n % 2 === 0)
            seats.push({ organization_id: organizationId, item_id: id, user_id: user(c), role: roles[(n + c) % 3], added_at: now });
        n++;
      }
    }
  }
  return { items, seats };
}
