import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once released: never import application code here.

const text = 'text' as const;
const int = 'integer' as const;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('organizations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('invitation_expiry_days', int, (c) => c.notNull().defaultTo(7))
    .addColumn('allowed_email_domains', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('business_reason_required', int, (c) => c.notNull().defaultTo(0))
    .addColumn('require_passkeys_privileged', int, (c) => c.notNull().defaultTo(0))
    .addColumn('require_passkeys_all', int, (c) => c.notNull().defaultTo(0))
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('system_key', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_normalized', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull().defaultTo(''))
    .addColumn('permissions', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('require_passkey_enrollment', int, (c) => c.notNull().defaultTo(0))
    .addColumn('require_passkey_after_magic_link', int, (c) => c.notNull().defaultTo(0))
    .addColumn('idle_logout_minutes', int)
    .addColumn('owner_user_id', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roles__org_name').unique().on('roles').columns(['organization_id', 'name_normalized']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('email_normalized', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('search_text', text, (c) => c.notNull())
    .addColumn('role_id', text, (c) => c.notNull().references('roles.id'))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('invited_by', text)
    .addColumn('invited_at', text)
    .addColumn('activated_at', text)
    .addColumn('last_sign_in_at', text)
    .addColumn('last_active_at', text)
    .addColumn('deactivated_at', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users__org_email').unique().on('users').columns(['organization_id', 'email_normalized']).execute();
  await db.schema.createIndex('users__org_name').on('users').columns(['organization_id', 'name', 'id']).execute();
  await db.schema.createIndex('users__org_created').on('users').columns(['organization_id', 'created_at', 'id']).execute();
  // Never-active users sort as '' (see users.repository.ts): the index holds the same expression.
  await sql`CREATE INDEX users__org_last_active ON users (organization_id, (COALESCE(last_active_at, '')), id)`.execute(db);
  await db.schema.createIndex('users__org_role').on('users').columns(['organization_id', 'role_id', 'name', 'id']).execute();
  // Covers the total count of role + status filters without reading rows.
  await db.schema.createIndex('users__org_role_status').on('users').columns(['organization_id', 'role_id', 'status']).execute();
  await db.schema.createIndex('users__org_status').on('users').columns(['organization_id', 'status', 'name', 'id']).execute();

  // Substring search over name and email without a scan.
  if (postgres) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
    await sql`CREATE INDEX users__search_trgm ON users USING gin (search_text gin_trgm_ops)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE users_search USING fts5(search_text, content='users', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`CREATE TRIGGER users_search_ai AFTER INSERT ON users BEGIN
      INSERT INTO users_search(rowid, search_text) VALUES (new.rowid, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER users_search_ad AFTER DELETE ON users BEGIN
      INSERT INTO users_search(users_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END`.execute(db);
    await sql`CREATE TRIGGER users_search_au AFTER UPDATE OF search_text ON users BEGIN
      INSERT INTO users_search(users_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
      INSERT INTO users_search(rowid, search_text) VALUES (new.rowid, new.search_text); END`.execute(db);
  }

  await db.schema
    .createTable('groups')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('name_normalized', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups__org_name').unique().on('groups').columns(['organization_id', 'name_normalized']).execute();

  await db.schema
    .createTable('group_members')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('group_id', text, (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_by', text)
    .addColumn('added_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members__pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members__user').on('group_members').columns(['user_id', 'group_id']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', text, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('email_normalized', text, (c) => c.notNull())
    .addColumn('role_id', text, (c) => c.notNull())
    .addColumn('group_id', text)
    .addColumn('invited_by', text)
    .addColumn('token_hash', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('sent_count', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('accepted_at', text)
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('invitations__token').unique().on('invitations').column('token_hash').execute();
  await db.schema.createIndex('invitations__org_status').on('invitations').columns(['organization_id', 'status', 'created_at', 'id']).execute();
  // One pending invitation per person and organization, enforced by the database.
  await sql`CREATE UNIQUE INDEX invitations__one_pending ON invitations (organization_id, email_normalized) WHERE status = 'pending'`.execute(db);

  await db.schema
    .createTable('magic_links')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('auth_method', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .addColumn('ip', text)
    .addColumn('user_agent', text)
    .execute();
  await db.schema.createIndex('sessions__user').on('sessions').columns(['user_id', 'revoked_at']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('actor_user_id', text)
    .addColumn('actor_label', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('risk', text, (c) => c.notNull())
    .addColumn('subject_type', text)
    .addColumn('subject_id', text)
    .addColumn('subject_label', text)
    .addColumn('reason', text)
    .addColumn('before', text)
    .addColumn('after', text)
    .addColumn('ip', text)
    .addColumn('user_agent', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events__org_time').on('audit_events').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('audit_events__subject').on('audit_events').columns(['organization_id', 'subject_id', 'id']).execute();
  await db.schema.createIndex('audit_events__actor').on('audit_events').columns(['organization_id', 'actor_user_id', 'id']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text)
    .addColumn('to_address', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('text_body', text, (c) => c.notNull())
    .addColumn('html_body', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    .addColumn('last_error', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('sent_at', text)
    .execute();
  await db.schema.createIndex('mail_outbox__due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('request_hash', text, (c) => c.notNull())
    .addColumn('status_code', int, (c) => c.notNull())
    .addColumn('response', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys__pk', ['organization_id', 'key'])
    .execute();

  await db.schema
    .createTable('service_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_by', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text)
    .addColumn('revoked_at', text)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'service_tokens',
    'idempotency_keys',
    'mail_outbox',
    'audit_events',
    'sessions',
    'magic_links',
    'invitations',
    'group_members',
    'groups',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`DROP TABLE IF EXISTS users_search`.execute(db);
  for (const table of ['users', 'roles', 'organizations']) await db.schema.dropTable(table).execute();
}
