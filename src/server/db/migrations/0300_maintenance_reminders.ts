import { sql, type Kysely } from 'kysely';

const isIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

// Renewal reminders (SPEC §11): each account's schedule and recipients, every reminder once, and
// the delivery log of each. The unique key (contract, stage, end date) is what makes a reminder
// exist exactly once, whatever the number of workers, restarts or retries.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The day the reminder pass next needs to look at a contract; null until planned (new, renewed,
  // schedule changed). The pass reads this index only: contracts with nothing due cost nothing.
  await db.schema.alterTable('maintenance_contracts').addColumn('next_reminder_on', 'text').execute();
  // Contacts given for a contract through the Renewal Assistant when its serial had no registration.
  await db.schema.alterTable('maintenance_contracts').addColumn('registration_id', 'text', (c) => c.references('registrations.id')).execute();
  await db.schema.createIndex('maintenance_contracts_reminder_due').on('maintenance_contracts').columns(['next_reminder_on', 'ends_at', 'id']).execute();
  await db.schema.createIndex('maintenance_contracts_entitlement').on('maintenance_contracts').column('entitlement_id').execute();

  // No row: the default schedule (90/60/30) to admins, technical contact and partner.
  await db.schema
    .createTable('reminder_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
    .addColumn('lead_days', 'text', (c) => c.notNull())
    .addColumn('max_lead_days', 'integer', (c) => c.notNull())
    .addColumn('day_of', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('to_admins', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('to_technical', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('to_customer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('to_partner', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('extra_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The pass looks as far ahead as the longest schedule: MAX() reads the end of this index.
  await db.schema.createIndex('reminder_settings_max_lead').on('reminder_settings').column('max_lead_days').execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    // Null for a test reminder: tests are not part of any contract's plan.
    .addColumn('contract_id', 'text', (c) => c.references('maintenance_contracts.id'))
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('days_before', 'integer', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('days_left', 'integer', (c) => c.notNull())
    .addColumn('is_test', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reminders_once', ['contract_id', 'stage', 'ends_at'])
    .execute();
  await db.schema.createIndex('reminders_account').on('reminders').columns(['account_id', 'id']).execute();

  // The delivery log: one row per e-mail recipient, alert and webhook delivery of a reminder;
  // the status is read from the outbox message or webhook delivery it points to.
  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reminder_id', 'text', (c) => c.notNull().references('reminders.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(isIn('channel', ['email', 'alert', 'webhook'])))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('webhook_delivery_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminder_deliveries_reminder').on('reminder_deliveries').columns(['reminder_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
