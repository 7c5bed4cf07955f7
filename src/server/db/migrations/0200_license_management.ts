import { sql, type Kysely } from 'kysely';

const isIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/**
 * Manage My Licenses: custom fields and their values, shares, saved views, and the indexes that
 * keep the license list fast at a million licenses per account.
 *
 * Every list query is `account + (one filter) ORDER BY (sort key, id)`, so each index is the
 * account, the filter's column, then the sort key; the sort expressions (`coalesce(…)`) are the
 * ones the list repository writes, because an expression index serves only the same expression.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('licenses_mm_product').on('licenses').columns(['account_id', 'product_id', 'id']).execute();
  await db.schema.createIndex('licenses_mm_status').on('licenses').columns(['account_id', 'status', 'id']).execute();
  await db.schema
    .createIndex('licenses_mm_expires')
    .on('licenses')
    .expression(sql`account_id, coalesce(expires_at, '9999-12-31'), id`)
    .execute();
  await db.schema.createIndex('licenses_mm_host').on('licenses').expression(sql`account_id, coalesce(host_id, ''), id`).execute();

  await db.schema
    .createTable('custom_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(isIn('type', ['text', 'number', 'date', 'choice'])))
    .addColumn('choices', 'text')
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('custom_fields_name').on('custom_fields').columns(['account_id', 'name']).unique().execute();

  // One value per license and field. `value` is what the user gave, canonical for its type;
  // `value_norm` is its lowercase form for filters and search; `value_number` sorts numbers.
  await db.schema
    .createTable('custom_field_values')
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('field_id', 'text', (c) => c.notNull().references('custom_fields.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('value_norm', 'text', (c) => c.notNull())
    .addColumn('value_number', 'double precision')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('custom_field_values_pk', ['license_id', 'field_id'])
    .execute();
  await db.schema.createIndex('custom_field_values_filter').on('custom_field_values').columns(['field_id', 'value_norm', 'license_id']).execute();
  await db.schema.createIndex('custom_field_values_number').on('custom_field_values').columns(['field_id', 'value_number', 'license_id']).execute();
  await db.schema.createIndex('custom_field_values_search').on('custom_field_values').columns(['account_id', 'value_norm', 'license_id']).execute();

  // A share is to a user (by e-mail), not to their account: it grants exactly its permission.
  await db.schema
    .createTable('license_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('owner_account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('recipient_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('permission', 'text', (c) => c.notNull().check(isIn('permission', ['view', 'manage'])))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('license_shares_once').on('license_shares').columns(['license_id', 'recipient_user_id']).unique().execute();
  await db.schema.createIndex('license_shares_recipient').on('license_shares').columns(['recipient_user_id', 'license_id']).execute();

  await db.schema
    .createTable('license_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('license_views_name').on('license_views').columns(['account_id', 'user_id', 'name']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
