import { type Kysely } from 'kysely';

// Each account's private calendar feed (SPEC §11). The URL's token is derived from the master
// secret and this row's nonce, so nothing that opens the feed is stored; regenerating draws a new
// nonce, which ends the old URL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
