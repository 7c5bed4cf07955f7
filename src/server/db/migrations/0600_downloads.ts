import { sql, type Kysely } from 'kysely';

// FileConnect (SPEC §10): releases, their files, and every download.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A release is one published build of a product; `version` is the build's own label (e.g. "22.3.1").
  await db.schema
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('releases_product_version', ['product_id', 'version'])
    .execute();

  // Sizes are bigint: release files run to several gigabytes.
  await db.schema
    .createTable('release_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('release_files_release_name', ['release_id', 'name'])
    .execute();

  // Every GET or HEAD of a download link; bytes_sent is filled in when the response ends.
  await db.schema
    .createTable('downloads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('release_files.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('requested_by', 'text')
    .addColumn('ip', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('range', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('bytes_sent', 'bigint')
    .addColumn('completed', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('downloads_account').on('downloads').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('downloads_file').on('downloads').columns(['file_id', 'id']).execute();

}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
