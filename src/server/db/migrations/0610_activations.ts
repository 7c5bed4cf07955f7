import { sql, type Kysely } from 'kysely';

// Product activation (SPEC §12): which hosts hold a seat of which license.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One activation per license and host: activating the same host again finds this row.
  await db.schema
    .createTable('activations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('online', 'offline')`))
    .addColumn('license_file', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activations_license_host', ['license_id', 'host_id'])
    .execute();
  await db.schema.createIndex('activations_account').on('activations').columns(['account_id', 'license_id']).execute();

  // The seat counter of a license: moved only by a conditional UPDATE in the same transaction as
  // the activation's insert or delete, so the quantity holds under any concurrency.
  await db.schema
    .createTable('activation_counts')
    .addColumn('license_id', 'text', (c) => c.primaryKey().references('licenses.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0).check(sql`active >= 0`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
