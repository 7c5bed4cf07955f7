import { sql, type Kysely } from 'kysely';

const isIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

// Enterprise Flexible (SPEC §8): a contract (serial E…) with a pool of units per product, and the
// ledger of every draw-down and return. The pool's floor is the database's job: remaining can
// never go below zero nor above the units bought, whatever the concurrency.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('flex_contracts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial_number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('flex_contracts_term', sql`starts_at <= ends_at`)
    .execute();
  await db.schema.createIndex('flex_contracts_account').on('flex_contracts').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('flex_pools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('flex_contracts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('units', 'integer', (c) => c.notNull().check(sql`units > 0`))
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addCheckConstraint('flex_pools_remaining', sql`remaining >= 0 and remaining <= units`)
    .addUniqueConstraint('flex_pools_contract_product', ['contract_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('flex_ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contract_id', 'text', (c) => c.notNull().references('flex_contracts.id'))
    .addColumn('pool_id', 'text', (c) => c.notNull().references('flex_pools.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(isIn('kind', ['draw_down', 'return'])))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    // draw_down: the license issued; return: the license retired.
    .addColumn('license_id', 'text', (c) => c.notNull().references('licenses.id'))
    // return of part of a license: the license issued for the units kept.
    .addColumn('replacement_license_id', 'text', (c) => c.references('licenses.id'))
    .addColumn('host_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flex_ledger_contract').on('flex_ledger').columns(['contract_id', 'id']).execute();
  // A license is returned once: a second return of the same license cannot be recorded.
  await db.schema.createIndex('flex_ledger_one_return').on('flex_ledger').columns(['license_id']).unique().where(sql.raw<boolean>("kind = 'return'")).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
