import { type Kysely } from 'kysely';

// In-app alerts (SPEC §11): one per reminder, and notices such as a renewal; read or unread.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('contract_id', 'text', (c) => c.references('maintenance_contracts.id'))
    // A reminder has one alert at most: a second insert for it is refused by the database.
    .addColumn('reminder_id', 'text', (c) => c.unique().references('reminders.id'))
    .addColumn('serial_number', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_account').on('alerts').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('alerts_account_unread').on('alerts').columns(['account_id', 'read_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
