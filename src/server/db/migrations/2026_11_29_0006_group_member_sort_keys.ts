import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

const SORTS = [
  ['name', 'sort_name', 'name'],
  ['email', 'sort_email', 'email_normalized'],
  ['created', 'sort_created', 'created_at'],
  ['last_active', 'sort_last_active', "COALESCE(last_active_at, '')"],
] as const;

/**
 * A group's members in any of the users list's sort orders, straight from an index: each membership
 * carries its user's sort keys, kept in step by triggers. Without them a page of a group read every
 * member and sorted (40 ms for 11,000 members), or walked the users in order and met the members
 * late when they cluster at one end (a group of new invitees sorted by last activity).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const [, column] of SORTS) {
    await db.schema
      .alterTable('group_members')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
  }
  await sql`UPDATE group_members SET (sort_name, sort_email, sort_created, sort_last_active) =
    (SELECT name, email_normalized, created_at, COALESCE(last_active_at, '') FROM users WHERE users.id = group_members.user_id)`.execute(db);
  for (const [sort, column] of SORTS) {
    await db.schema.createIndex(`group_members__by_${sort}`).on('group_members').columns(['group_id', 'organization_id', column, 'user_id']).execute();
  }

  if (postgres) {
    await sql`CREATE FUNCTION group_members_copy_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT name, email_normalized, created_at, COALESCE(last_active_at, '')
          INTO NEW.sort_name, NEW.sort_email, NEW.sort_created, NEW.sort_last_active
          FROM users WHERE users.id = NEW.user_id;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER group_members_sort_keys BEFORE INSERT ON group_members
      FOR EACH ROW EXECUTE FUNCTION group_members_copy_sort_keys()`.execute(db);
    await sql`CREATE FUNCTION users_push_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE group_members SET sort_name = NEW.name, sort_email = NEW.email_normalized,
          sort_created = NEW.created_at, sort_last_active = COALESCE(NEW.last_active_at, '')
          WHERE user_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER users_sort_keys AFTER UPDATE OF name, email_normalized, created_at, last_active_at ON users
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email_normalized IS DISTINCT FROM NEW.email_normalized
        OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.last_active_at IS DISTINCT FROM NEW.last_active_at)
      EXECUTE FUNCTION users_push_sort_keys()`.execute(db);
  } else {
    await sql`CREATE TRIGGER group_members_sort_keys AFTER INSERT ON group_members BEGIN
      UPDATE group_members SET (sort_name, sort_email, sort_created, sort_last_active) =
        (SELECT name, email_normalized, created_at, COALESCE(last_active_at, '') FROM users WHERE users.id = NEW.user_id)
        WHERE group_id = NEW.group_id AND user_id = NEW.user_id; END`.execute(db);
    await sql`CREATE TRIGGER users_sort_keys AFTER UPDATE OF name, email_normalized, created_at, last_active_at ON users
      WHEN OLD.name IS NOT NEW.name OR OLD.email_normalized IS NOT NEW.email_normalized
        OR OLD.created_at IS NOT NEW.created_at OR OLD.last_active_at IS NOT NEW.last_active_at
      BEGIN
        UPDATE group_members SET sort_name = NEW.name, sort_email = NEW.email_normalized,
          sort_created = NEW.created_at, sort_last_active = COALESCE(NEW.last_active_at, '')
          WHERE user_id = NEW.id; END`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`DROP TRIGGER IF EXISTS users_sort_keys${sql.raw(postgres ? ' ON users' : '')}`.execute(db);
  await sql`DROP TRIGGER IF EXISTS group_members_sort_keys${sql.raw(postgres ? ' ON group_members' : '')}`.execute(db);
  if (postgres) {
    await sql`DROP FUNCTION IF EXISTS users_push_sort_keys()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS group_members_copy_sort_keys()`.execute(db);
  }
  for (const [sort, column] of SORTS) {
    await db.schema.dropIndex(`group_members__by_${sort}`).execute();
    await db.schema.alterTable('group_members').dropColumn(column).execute();
  }
}
