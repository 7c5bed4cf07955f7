import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../harness/databases.js';
import { describeEachDialect } from '../harness/portal.js';

const AT = '2026-11-23T09:00:00.000Z';

/**
 * A portal upgraded past migration 0710 keeps every contract's reminder plan as it was: a contract
 * already planned is not planned again (its sent reminders would be looked at anew), and one that
 * was waiting still waits.
 */
describeEachDialect('upgrading to reminder plans of their own', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, { upTo: '0700_enterprise_sign_in' });
    const { db } = database.handle;
    await sql`insert into accounts (id, name, kind, created_at) values ('acc_1', 'Acme', 'customer', ${AT})`.execute(db);
    await sql`insert into products (id, sku, name, product_line, version, edition, license_model, unit, features, node_locked, rehosts_per_year, created_at)
      values ('prd_1', 'BE-1', 'Backup', 'Backup', '22', null, 'perpetual', 'server', '[]', 0, 0, ${AT})`.execute(db);
    const contracts: [id: string, endsAt: string, nextOn: string | null][] = [
      ['mnt_waiting', '2027-01-10', null],
      ['mnt_planned', '2027-02-10', '2026-12-12'],
      ['mnt_done', '2026-11-01', '9999-12-31'],
    ];
    for (const [id, endsAt, nextOn] of contracts) {
      await sql`insert into maintenance_contracts (id, serial_number, account_id, entitlement_id, product_id, starts_at, ends_at, renewed_by_id, next_reminder_on, created_at, updated_at)
        values (${id}, ${`M-${id}`}, 'acc_1', null, 'prd_1', '2026-01-01', ${endsAt}, null, ${nextOn}, ${AT}, ${AT})`.execute(db);
    }
    expect(await migrateToLatest(db)).toContain('0710_reminder_plans');
  });
  afterAll(() => database.drop());

  it('gives every contract its plan, with the day it was planned for', async () => {
    const plans = await database.handle.db.selectFrom('reminder_plans').selectAll().orderBy('contract_id').execute();
    expect(plans).toEqual([
      { contract_id: 'mnt_done', ends_at: '2026-11-01', next_reminder_on: '9999-12-31' },
      { contract_id: 'mnt_planned', ends_at: '2027-02-10', next_reminder_on: '2026-12-12' },
      { contract_id: 'mnt_waiting', ends_at: '2027-01-10', next_reminder_on: null },
    ]);
  });

  it('no longer keeps the plan on the contract', async () => {
    const row = await sql<Record<string, unknown>>`select * from maintenance_contracts where id = 'mnt_planned'`.execute(database.handle.db);
    expect(Object.keys(row.rows[0]!)).not.toContain('next_reminder_on');
  });

  it('keeps the plans in end-date order on SQLite, and has PostgreSQL vacuum them after a few thousand changes', async () => {
    const { db } = database.handle;
    if (dialect === 'sqlite') {
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where name = 'reminder_plans'`.execute(db);
      expect(rows[0]!.sql.toLowerCase()).toContain('without rowid');
    } else {
      const { rows } = await sql<{ reloptions: string[] }>`select reloptions from pg_class where relname = 'reminder_plans'`.execute(db);
      expect(rows[0]!.reloptions).toEqual(expect.arrayContaining(['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=5000']));
    }
  });

  it('refuses a second plan for a contract', async () => {
    const twin = database.handle.db.insertInto('reminder_plans').values({ contract_id: 'mnt_planned', ends_at: '2027-03-01', next_reminder_on: null }).execute();
    await expect(twin).rejects.toThrow();
  });
});
