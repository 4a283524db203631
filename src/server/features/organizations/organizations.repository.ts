import type { DbOrTrx } from '../../db/database.js';
import type { NewOrganizationRow, OrganizationPatch, OrganizationRow } from './organizations.table.js';

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
