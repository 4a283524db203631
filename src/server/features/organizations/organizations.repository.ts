import type { DbOrTrx } from '../../db/database.js';
import type { NewOrganizationRow, OperatorEventRow, OrganizationPatch, OrganizationRow } from './organizations.table.js';

export function findOrganization(db: DbOrTrx, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFirstOrganization(db: DbOrTrx): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}

export async function insertOrganization(db: DbOrTrx, row: NewOrganizationRow): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function updateOrganization(db: DbOrTrx, id: string, patch: OrganizationPatch): Promise<void> {
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

/** Organizations whose name is this one, ignoring case (names are not unique by constraint: renames predate the operator). */
export function findOrganizationsNamed(db: DbOrTrx, name: string): Promise<OrganizationRow[]> {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .limit(10)
    .execute();
}

/** One keyset page by (name, id), one more row than asked to tell whether another page follows. */
export function listOrganizationRows(
  db: DbOrTrx,
  query: { status?: OrganizationRow['status']; limit: number; after?: { name: string; id: string } },
): Promise<OrganizationRow[]> {
  let select = db.selectFrom('organizations').selectAll();
  if (query.status) select = select.where('status', '=', query.status);
  const after = query.after;
  if (after) select = select.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]));
  return select
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
}

export async function insertOperatorEvent(db: DbOrTrx, row: OperatorEventRow): Promise<void> {
  await db.insertInto('operator_events').values(row).execute();
}
