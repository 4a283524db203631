import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

/**
 * The User manager system role invites people, but every invitation that named no role gave Member,
 * which holds "Share Orchestrations" and User manager did not: each default invitation was refused as
 * an escalation. User manager now holds it too, in every existing organization.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('roles').select(['id', 'permissions', 'version']).where('system_key', '=', 'user_manager').execute();
  for (const row of rows) {
    const permissions = JSON.parse(row.permissions as string) as string[];
    if (permissions.includes('orchestrations.share')) continue;
    await db
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...permissions, 'orchestrations.share']), version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('roles').select(['id', 'permissions']).where('system_key', '=', 'user_manager').execute();
  for (const row of rows) {
    const permissions = (JSON.parse(row.permissions as string) as string[]).filter((p) => p !== 'orchestrations.share');
    await db
      .updateTable('roles')
      .set({ permissions: JSON.stringify(permissions) })
      .where('id', '=', row.id)
      .execute();
  }
}
