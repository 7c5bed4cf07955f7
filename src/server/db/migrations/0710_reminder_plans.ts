import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Each contract's reminder plan moves out of the contracts table into a narrow table of its own,
 * kept in end-date order. The reminder pass sets every due contract's next day; as a column of the
 * contract, that wrote one page of the large contracts table per contract, pages scattered all
 * over it (a third of the pass's time at 1,000,000 contracts). Here a batch, read in end-date
 * order, writes a few neighbouring pages. On SQLite the table is WITHOUT ROWID, so its primary key
 * (ends_at, contract_id) is its order on disk.
 *
 * A plan exists for every contract: written with the contract, null (unplanned) until the pass
 * plans it, and null again when the contract is renewed, superseded or its account's schedule
 * changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  let table = db.schema
    .createTable('reminder_plans')
    .addColumn('contract_id', 'text', (c) => c.notNull().unique().references('maintenance_contracts.id'))
    // The contract's end date the plan is for, copied: the order the pass reads unplanned contracts in.
    .addColumn('ends_at', 'text', (c) => c.notNull())
    // The day the pass next looks at the contract; null until planned.
    .addColumn('next_reminder_on', 'text')
    .addPrimaryKeyConstraint('reminder_plans_pkey', ['ends_at', 'contract_id']);
  if (sqlite) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  // Contracts waiting to be planned, by end date: once planned they leave it.
  await db.schema.createIndex('reminder_plans_unplanned').on('reminder_plans').columns(['ends_at', 'contract_id']).where(sql.raw<boolean>('next_reminder_on is null')).execute();
  await db.schema.createIndex('reminder_plans_due').on('reminder_plans').columns(['next_reminder_on', 'contract_id']).where(sql.raw<boolean>('next_reminder_on is not null')).execute();

  await sql`insert into reminder_plans (contract_id, ends_at, next_reminder_on) select id, ends_at, next_reminder_on from maintenance_contracts`.execute(db);
  await db.schema.dropIndex('maintenance_contracts_unplanned').execute();
  await db.schema.dropIndex('maintenance_contracts_reminder_due').execute();
  await db.schema.alterTable('maintenance_contracts').dropColumn('next_reminder_on').execute();
  if (sqlite) {
    await sql`analyze reminder_plans`.execute(db);
  } else {
    // A pass plans many contracts at once, and each plan it updates leaves a dead entry in the
    // unplanned index until a vacuum: measured at 1,000,000 contracts, the look a quiet pass makes
    // read 852 pages for 77 ms instead of 4 pages for 0.1 ms. PostgreSQL's default waits for a
    // fifth of the table to change; this table is narrow and cheap to vacuum, so 5,000 rows do.
    await sql`alter table reminder_plans set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_analyze_scale_factor = 0.02)`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
