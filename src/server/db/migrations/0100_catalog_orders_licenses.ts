import { sql, type Kysely } from 'kysely';

const isIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

// The heart of the portal: catalog, orders with their certificates and serial numbers
// (entitlements), maintenance contracts, support registrations, licenses and signing keys.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('product_line', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('edition', 'text')
    .addColumn('license_model', 'text', (c) => c.notNull().check(isIn('license_model', ['perpetual', 'subscription'])))
    .addColumn('unit', 'text', (c) => c.notNull().check(isIn('unit', ['server', 'socket', 'TB', 'user'])))
    .addColumn('features', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('node_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rehosts_per_year', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_line').on('products').columns(['product_line', 'version']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('partner_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('reference', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(isIn('source', ['api', 'import'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_account').on('orders').columns(['account_id', 'id']).execute();
  // An imported order reference is recorded once: re-running an import does not double it.
  await db.schema.createIndex('orders_reference').on('orders').column('reference').unique().execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().unique().references('orders.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('certificates_account').on('certificates').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_contact', 'text', (c) => c.notNull())
    .addColumn('technical_contact', 'text', (c) => c.notNull())
    .addColumn('technical_email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registrations_account').on('registrations').columns(['account_id', 'id']).execute();

  // One row per certificate line: the serial number and what it entitles to.
  await db.schema
    .createTable('entitlements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial_number', 'text', (c) => c.notNull().unique())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('certificates.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('maintenance_starts_at', 'text')
    .addColumn('maintenance_ends_at', 'text')
    .addColumn('key_on_certificate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('license_key', 'text', (c) => c.unique())
    .addColumn('registration_id', 'text', (c) => c.references('registrations.id'))
    .addColumn('registered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entitlements_account').on('entitlements').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('entitlements_certificate').on('entitlements').columns(['certificate_id', 'line_no']).execute();

  await db.schema
    .createTable('maintenance_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial_number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('entitlement_id', 'text', (c) => c.references('entitlements.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('renewed_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('maintenance_contracts_account').on('maintenance_contracts').columns(['account_id', 'ends_at']).execute();
  await db.schema.createIndex('maintenance_contracts_ends').on('maintenance_contracts').columns(['ends_at', 'id']).execute();

  await db.schema
    .createTable('licenses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('entitlement_id', 'text', (c) => c.references('entitlements.id'))
    .addColumn('license_key', 'text', (c) => c.notNull().unique())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('features', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('host_id', 'text')
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('maintenance_ends_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(isIn('status', ['active', 'revoked', 'retired'])))
    .addColumn('source', 'text', (c) => c.notNull().check(isIn('source', ['get_a_key', 'rehost', 'upgrade', 'draw_down', 'voucher'])))
    .addColumn('source_ref', 'text')
    .addColumn('replaces_license_id', 'text')
    .addColumn('registration_id', 'text', (c) => c.references('registrations.id'))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('licenses_account').on('licenses').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('licenses_entitlement').on('licenses').columns(['entitlement_id', 'status']).execute();

  await db.schema
    .createTable('rehosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entitlement_id', 'text', (c) => c.references('entitlements.id'))
    .addColumn('from_license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('to_license_id', 'text', (c) => c.notNull().unique().references('licenses.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rehosts_entitlement').on('rehosts').columns(['entitlement_id', 'at']).execute();

  // Keys (and files) sent to a technical contact; when a partner obtained them, recorded as such.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('partner_account_id', 'text')
    .addColumn('outbox_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliveries_license').on('deliveries').columns(['license_id', 'at']).execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(isIn('state', ['active', 'previous', 'retired'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  // At most one key signs at a time.
  await db.schema.createIndex('signing_keys_one_active').on('signing_keys').column('state').unique().where(sql.raw<boolean>("state = 'active'")).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
