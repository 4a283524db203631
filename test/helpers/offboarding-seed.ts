import { CONTENT_TYPES } from '../../src/contracts/ownership.js';
import { createSession } from '../../src/server/features/auth/auth.service.js';
import { insertItems, insertSeats } from '../../src/server/features/ownership/ownership.repository.js';
import type { CollaboratorRow, NewContentItemRow } from '../../src/server/features/ownership/ownership.table.js';
import { insertUser, searchText } from '../../src/server/features/users/users.repository.js';
import type { Deps } from '../../src/server/platform/deps.js';

export interface SeededOffboarding {
  leaverId: string;
  leaverEmail: string;
  heirIds: string[];
  /** Cookie of a session of the organization's admin. */
  adminCookie: string;
}

async function addUser(deps: Deps, organizationId: string, roleId: string, email: string, name: string): Promise<string> {
  const id = deps.newId();
  const now = deps.clock().toISOString();
  await insertUser(deps.db, {
    id,
    organization_id: organizationId,
    email,
    email_normalized: email,
    name,
    search_text: searchText(name, email),
    role_id: roleId,
    status: 'active',
    invited_by: null,
    invited_at: null,
    activated_at: now,
    last_sign_in_at: now,
    last_active_at: now,
    deactivated_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/**
 * A leaver who owns `items` content items across the seven types (every 5th with two collaborators,
 * active Sequences among them) and sits as collaborator on `seats` items of others, plus heirs.
 */
export async function seedLeaver(
  deps: Deps,
  organizationId: string,
  adminUserId: string,
  options: { items: number; seats: number; heirs?: number; webhookUrl?: string },
): Promise<SeededOffboarding> {
  const role = await deps.db
    .selectFrom('roles')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('system_key', '=', 'member')
    .executeTakeFirstOrThrow();
  const leaverEmail = 'leaver@acme.test';
  const leaverId = await addUser(deps, organizationId, role.id, leaverEmail, 'Lee Leaver');
  const heirIds: string[] = [];
  for (let i = 0; i < (options.heirs ?? 3); i++) heirIds.push(await addUser(deps, organizationId, role.id, `heir${i}@acme.test`, `Heir ${i}`));
  const colleague = await addUser(deps, organizationId, role.id, 'colleague@acme.test', 'Colleague');
  const now = deps.clock().toISOString();
  const items: NewContentItemRow[] = [];
  const seats: CollaboratorRow[] = [];
  for (let i = 0; i < options.items; i++) {
    const type = CONTENT_TYPES[i % CONTENT_TYPES.length];
    const id = deps.newId();
    items.push({
      id,
      organization_id: organizationId,
      external_id: `bench-${i}`,
      type,
      title: `${type} ${i}`,
      owner_user_id: leaverId,
      workspace_id: null,
      sequence_status: type === 'sequence' ? (i % 2 ? 'active' : 'paused') : null,
      paused_for_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    if (i % 5 === 0) {
      seats.push({ organization_id: organizationId, item_id: id, user_id: colleague, role: 'editor', added_at: now });
      seats.push({ organization_id: organizationId, item_id: id, user_id: heirIds[0], role: 'viewer', added_at: now });
    }
  }
  for (let i = 0; i < options.seats; i++) {
    const id = deps.newId();
    items.push({
      id,
      organization_id: organizationId,
      external_id: `other-${i}`,
      type: 'codraft',
      title: `Colleague draft ${i}`,
      owner_user_id: colleague,
      workspace_id: null,
      sequence_status: null,
      paused_for_user_id: null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    seats.push({ organization_id: organizationId, item_id: id, user_id: leaverId, role: i % 2 ? 'editor' : 'viewer', added_at: now });
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertItems(trx, items);
    await insertSeats(trx, seats);
    if (options.webhookUrl) {
      await trx
        .insertInto('webhook_endpoints')
        .values({
          id: deps.newId(),
          organization_id: organizationId,
          url: options.webhookUrl,
          description: 'bench',
          secret: 'whsec_bench',
          created_by: adminUserId,
          created_at: now,
          disabled_at: null,
        })
        .execute();
    }
  });
  const admin = await deps.db.selectFrom('users').selectAll().where('id', '=', adminUserId).executeTakeFirstOrThrow();
  const session = await createSession(deps.db, deps, admin, 'magic_link', { ip: '127.0.0.1', userAgent: 'bench' });
  return { leaverId, leaverEmail, heirIds, adminCookie: `sofie_session=${session.token}` };
}
