import { sql, type Kysely } from 'kysely';

// Certificates are e-mailed once: `mailed_at` is claimed by a conditional UPDATE in the transaction
// that queues the message. Imported orders leave it null and a worker pass mails them later, so an
// import runs at database speed instead of PDF-rendering speed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('certificates').addColumn('mailed_at', 'text').execute();
  await sql`update certificates set mailed_at = issued_at`.execute(db);
  await db.schema
    .createIndex('certificates_unmailed')
    .on('certificates')
    .column('id')
    .where(sql.raw<boolean>('mailed_at is null'))
    .execute();
  // Re-hosts are counted per license lineage over the last 365 days.
  await db.schema.createIndex('rehosts_to_license_at').on('rehosts').columns(['to_license_id', 'at']).execute();
  await db.schema.createIndex('licenses_replaces').on('licenses').column('replaces_license_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
