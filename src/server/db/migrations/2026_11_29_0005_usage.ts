import type { Kysely } from 'kysely';

// Frozen once released: never import application code here.

const text = 'text' as const;
const int = 'integer' as const;
const big = 'bigint' as const;

/**
 * Usage events from Sofie's other services: raw events for the retention window, and rollups that
 * every insert maintains in the same transaction (no nightly scan).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Raw events. The primary key is the caller's event id within the organization: idempotency.
  await db.schema
    .createTable('usage_events')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('occurred_at', text, (c) => c.notNull())
    .addColumn('workspace_id', text)
    .addColumn('item_id', text)
    .addColumn('quantity', big, (c) => c.notNull().defaultTo(1))
    .addColumn('received_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_events__pk', ['organization_id', 'id'])
    .execute();
  await db.schema.createIndex('usage_events__user_time').on('usage_events').columns(['organization_id', 'user_id', 'occurred_at', 'id']).execute();
  await db.schema.createIndex('usage_events__org_time').on('usage_events').columns(['organization_id', 'occurred_at']).execute();

  // Per user, UTC day and type: what the user's trend chart and the users list summary read.
  await db.schema
    .createTable('usage_daily')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('day', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('events', big, (c) => c.notNull())
    .addColumn('quantity', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_daily__pk', ['organization_id', 'user_id', 'day', 'type'])
    .execute();

  // Per organization, UTC day and type: top event types without touching per-user rows.
  await db.schema
    .createTable('usage_org_daily')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('day', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('events', big, (c) => c.notNull())
    .addColumn('quantity', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_org_daily__pk', ['organization_id', 'day', 'type'])
    .execute();

  // One row per user active in a period (day, ISO week starting Monday, calendar month; UTC): the
  // first event of a user in a period inserts it and increments usage_org_active.
  await db.schema
    .createTable('usage_active')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('period_start', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_active__pk', ['organization_id', 'period', 'period_start', 'user_id'])
    .execute();
  await db.schema
    .createTable('usage_org_active')
    .addColumn('organization_id', text, (c) => c.notNull())
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('period_start', text, (c) => c.notNull())
    .addColumn('active_users', int, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_org_active__pk', ['organization_id', 'period', 'period_start'])
    .execute();

  await db.schema
    .createTable('usage_settings')
    .addColumn('organization_id', text, (c) => c.primaryKey())
    .addColumn('retention_days', int, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['usage_settings', 'usage_org_active', 'usage_active', 'usage_org_daily', 'usage_daily', 'usage_events']) {
    await db.schema.dropTable(table).execute();
  }
}
