import { sql, type Kysely } from 'kysely';

const isIn = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

// Voucher Center (SPEC §9): batches made by the vendor for an OEM account, and their vouchers.
// A voucher's stored state moves available → redeemed or available → void, each by one conditional
// UPDATE; `expired` is read from the date, so it never needs a job to be true.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('voucher_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('oem_account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count > 0`))
    // The last calendar day on which its vouchers can be redeemed.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .execute();
  await db.schema.createIndex('voucher_batches_oem').on('voucher_batches').columns(['oem_account_id', 'id']).execute();

  await db.schema
    .createTable('vouchers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('voucher_batches.id'))
    .addColumn('oem_account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull().check(isIn('state', ['available', 'redeemed', 'void'])))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('redeemed_at', 'text')
    .addColumn('redeemed_by', 'text')
    .addColumn('end_customer_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('license_id', 'text', (c) => c.unique().references('licenses.id'))
    .addColumn('voided_at', 'text')
    // Redeemed exactly when a redemption time is set; the claim and its time are one statement.
    .addCheckConstraint('vouchers_redemption', sql`(state = 'redeemed') = (redeemed_at is not null)`)
    .execute();
  await db.schema.createIndex('vouchers_oem').on('vouchers').columns(['oem_account_id', 'id']).execute();
  await db.schema.createIndex('vouchers_batch').on('vouchers').columns(['batch_id', 'id']).execute();
  await db.schema.createIndex('vouchers_end_customer').on('vouchers').columns(['oem_account_id', 'end_customer_account_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations move forward only');
}
