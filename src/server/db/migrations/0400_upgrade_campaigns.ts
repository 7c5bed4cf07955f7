import { sql, type Kysely } from 'kysely';

// Version upgrades (SPEC §6): the vendor's campaigns, one notification ID per account and
// campaign, the units each account may upgrade per product, and the record of every upgrade.
// The eligible quantity is the database's to hold: `upgraded <= eligible` is a check, and the
// service moves `upgraded` by one conditional statement.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('upgrade_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The target and the sorted sources: running the same campaign again finds this row.
    .addColumn('campaign_key', 'text', (c) => c.notNull().unique())
    .addColumn('to_product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('trade_in', 'integer', (c) => c.notNull().check(sql`trade_in in (0, 1)`))
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('last_run_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A product is upgraded to a given version by one campaign only: two campaigns can never
  // both grant the same units.
  await db.schema
    .createTable('upgrade_campaign_products')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('upgrade_campaigns.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('to_product_id', 'text', (c) => c.notNull().references('products.id'))
    .addPrimaryKeyConstraint('upgrade_campaign_products_pk', ['campaign_id', 'product_id'])
    .addUniqueConstraint('upgrade_campaign_products_once', ['to_product_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('upgrade_notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notification_id', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('upgrade_campaigns.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // One notification ID per account and campaign, however often the campaign runs.
    .addUniqueConstraint('upgrade_notifications_once', ['campaign_id', 'account_id'])
    .execute();
  await db.schema.createIndex('upgrade_notifications_account').on('upgrade_notifications').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('upgrade_rights')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upgrade_notification_id', 'text', (c) => c.notNull().references('upgrade_notifications.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('upgrade_campaigns.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('upgraded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('upgrade_rights_within', sql`upgraded >= 0 and upgraded <= eligible`)
    .addUniqueConstraint('upgrade_rights_once', ['upgrade_notification_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('license_upgrades')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('upgrade_campaigns.id'))
    .addColumn('upgrade_notification_id', 'text', (c) => c.notNull().references('upgrade_notifications.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('from_license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('to_license_id', 'text', (c) => c.notNull().unique().references('licenses.id'))
    // Trade-in of part of a license: the license issued for the units that stay on the old version.
    .addColumn('remainder_license_id', 'text', (c) => c.references('licenses.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('trade_in', 'integer', (c) => c.notNull().check(sql`trade_in in (0, 1)`))
    .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('license_upgrades_source').on('license_upgrades').columns(['upgrade_notification_id', 'from_license_id']).execute();

  // A campaign looks for the accounts holding licenses of its products.
  await db.schema.createIndex('licenses_by_product').on('licenses').columns(['product_id', 'status', 'account_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
