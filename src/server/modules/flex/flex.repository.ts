import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { FlexContractsTable, FlexLedgerTable, FlexPoolsTable } from './flex.table.js';

/** A pool with the product it counts, as the pages and the draw-down need it. */
export interface PoolRow extends FlexPoolsTable {
  sku: string;
  product_name: string;
  unit: 'server' | 'socket' | 'TB' | 'user';
  node_locked: number;
}

export interface ContractRow extends FlexContractsTable {
  account_name: string;
}

export interface LedgerRow extends FlexLedgerTable {
  sku: string;
  kept_license_id: string | null;
  kept_license_key: string | null;
  kept_quantity: number | null;
}

export interface UsageRow {
  month: string;
  product_id: string;
  sku: string;
  product_name: string;
  kind: FlexLedgerTable['kind'];
  quantity: number;
}

export const flexRepository = {
  /** False when the serial number is taken (the unique index decides; the caller draws another). */
  async insertContract(db: Db, row: FlexContractsTable): Promise<boolean> {
    const r = await db.insertInto('flex_contracts').values(row).onConflict((oc) => oc.column('serial_number').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async insertPools(db: Db, rows: FlexPoolsTable[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('flex_pools').values(rows).execute();
  },

  /** A contract of the account, by id or serial number; never another account's. */
  findContract(db: Db, accountId: string, idOrSerial: string): Promise<ContractRow | undefined> {
    return db
      .selectFrom('flex_contracts')
      .innerJoin('accounts', 'accounts.id', 'flex_contracts.account_id')
      .selectAll('flex_contracts')
      .select('accounts.name as account_name')
      .where('flex_contracts.account_id', '=', accountId)
      .where((eb) => eb.or([eb('flex_contracts.id', '=', idOrSerial), eb('flex_contracts.serial_number', '=', idOrSerial)]))
      .executeTakeFirst();
  },

  listContracts(db: Db, opts: { accountId?: string | undefined; after?: string | undefined; limit: number }): Promise<ContractRow[]> {
    let q = db
      .selectFrom('flex_contracts')
      .innerJoin('accounts', 'accounts.id', 'flex_contracts.account_id')
      .selectAll('flex_contracts')
      .select('accounts.name as account_name');
    if (opts.accountId) q = q.where('flex_contracts.account_id', '=', opts.accountId);
    if (opts.after) q = q.where('flex_contracts.id', '>', opts.after);
    return q.orderBy('flex_contracts.id').limit(opts.limit).execute();
  },

  poolsOf(db: Db, contractIds: string[]): Promise<PoolRow[]> {
    if (contractIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('flex_pools')
      .innerJoin('products', 'products.id', 'flex_pools.product_id')
      .selectAll('flex_pools')
      .select(['products.sku', 'products.name as product_name', 'products.unit', 'products.node_locked'])
      .where('flex_pools.contract_id', 'in', contractIds)
      .orderBy('products.sku')
      .execute();
  },

  /**
   * Takes `quantity` units from the pool in one statement and answers the units left; undefined
   * when it holds fewer (no row matched). Two instances racing for the last units cannot both
   * win: the row's lock (PostgreSQL) or the write lock (SQLite) orders them, and the loser's
   * condition no longer holds when it is evaluated again.
   */
  async takeUnits(db: Db, poolId: string, quantity: number): Promise<number | undefined> {
    const row = await db
      .updateTable('flex_pools')
      .set({ remaining: sql<number>`remaining - ${quantity}` })
      .where('id', '=', poolId)
      .where('remaining', '>=', quantity)
      .returning('remaining')
      .executeTakeFirst();
    return row?.remaining;
  },

  /** Gives units back, never above what was bought; answers the units left, undefined when it would overflow. */
  async giveUnitsBack(db: Db, poolId: string, quantity: number): Promise<number | undefined> {
    const row = await db
      .updateTable('flex_pools')
      .set({ remaining: sql<number>`remaining + ${quantity}` })
      .where('id', '=', poolId)
      .where(sql<boolean>`remaining + ${quantity} <= units`)
      .returning('remaining')
      .executeTakeFirst();
    return row?.remaining;
  },

  async remainingOf(db: Db, poolId: string): Promise<number> {
    const row = await db.selectFrom('flex_pools').select('remaining').where('id', '=', poolId).executeTakeFirstOrThrow();
    return row.remaining;
  },

  async insertLedger(db: Db, row: FlexLedgerTable): Promise<void> {
    await db.insertInto('flex_ledger').values(row).execute();
  },

  /**
   * Retires an active license; false when it is no longer active. Two returns of one license
   * racing each other: only one retires it, so its units come back once.
   */
  async retireLicense(db: Db, licenseId: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('licenses')
      .set({ status: 'retired', revoked_at: at })
      .where('id', '=', licenseId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Entries newest first, each with the license it left active (a draw-down's, or a partial return's replacement). */
  listLedger(db: Db, contractId: string, opts: { after?: string | undefined; limit: number }): Promise<LedgerRow[]> {
    let q = db
      .selectFrom('flex_ledger')
      .innerJoin('products', 'products.id', 'flex_ledger.product_id')
      .leftJoin('licenses as kept', (join) =>
        join.on((eb) =>
          eb.and([
            eb('kept.status', '=', 'active'),
            eb.or([
              eb.and([eb('flex_ledger.kind', '=', 'draw_down'), eb('kept.id', '=', eb.ref('flex_ledger.license_id'))]),
              eb('kept.id', '=', eb.ref('flex_ledger.replacement_license_id')),
            ]),
          ]),
        ),
      )
      .selectAll('flex_ledger')
      .select(['products.sku', 'kept.id as kept_license_id', 'kept.license_key as kept_license_key', 'kept.quantity as kept_quantity'])
      .where('flex_ledger.contract_id', '=', contractId);
    if (opts.after) q = q.where('flex_ledger.id', '<', opts.after);
    return q.orderBy('flex_ledger.id', 'desc').limit(opts.limit).execute();
  },

  /** Drawn and returned units per UTC month and product (`at` is ISO 8601, so its first 7 chars are the month). */
  usage(db: Db, contractId: string): Promise<UsageRow[]> {
    const month = sql<string>`substr(flex_ledger.at, 1, 7)`;
    return db
      .selectFrom('flex_ledger')
      .innerJoin('products', 'products.id', 'flex_ledger.product_id')
      .select([month.as('month'), 'flex_ledger.product_id', 'products.sku', 'products.name as product_name', 'flex_ledger.kind'])
      .select((eb) => eb.fn.sum<number>('flex_ledger.quantity').as('quantity'))
      .where('flex_ledger.contract_id', '=', contractId)
      .groupBy([month, 'flex_ledger.product_id', 'products.sku', 'products.name', 'flex_ledger.kind'])
      .orderBy(month)
      .orderBy('products.sku')
      .execute();
  },
};
