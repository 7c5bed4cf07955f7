import { sql, type Kysely } from 'kysely';

// The reminder pass looks for contracts not yet planned on every tick. Once planned they leave
// this partial index, so it holds only the few that wait (new, renewed, schedule changed) and
// the planner statistics cannot lead the query to scan every contract near its end instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('maintenance_contracts_unplanned')
    .on('maintenance_contracts')
    .columns(['ends_at', 'id'])
    .where(sql.raw<boolean>('next_reminder_on is null'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
