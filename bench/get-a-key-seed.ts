import { randomBytes } from 'node:crypto';
import { ORDER_IMPORT_COLUMNS } from '../src/contracts/orders.js';
import { prepare } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { createContainer } from '../src/server/container.js';
import { systemActor } from '../src/server/modules/auth/actor.js';

/** A database ready for the Get a Key and import benchmarks: a customer, a product, a token and a vendor admin. */
export interface SeededPortal {
  env: Record<string, string>;
  accountId: string;
  productSku: string;
  token: string;
  vendorEmail: string;
  vendorPassword: string;
}

export const BENCH_REGISTRATION = {
  customerContact: { organization: 'Bench Corp', address: '1 Load Street, Testville', country: 'DE' },
  technicalContact: { name: 'Bench Ops', email: 'ops@bench.test', phone: '+49 30 1234567' },
};

export async function seedPortal(databaseUrl: string, dataDir: string, serials: number): Promise<SeededPortal & { serialNumbers: string[] }> {
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORTAL_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn', PORTAL_DEMO: '0' };
  const container = createContainer(loadConfig(env));
  try {
    await prepare(container);
    const ctx = { actor: systemActor('bench'), ip: null };
    const vendor = (await container.accounts.listAccounts(ctx, { kind: 'vendor', limit: 1 })).items[0]!;
    const account = await container.accounts.insertAccountStandalone(ctx, { name: 'Bench Corp', kind: 'customer' });
    const productSku = 'BENCH-SRV';
    await container.catalog.createProduct(ctx, { sku: productSku, name: 'Bench Backup Server', productLine: 'Bench Backup', version: '1', licenseModel: 'perpetual', unit: 'server', features: ['dedup'] });
    const vendorEmail = 'bench-admin@vendor.test';
    const vendorPassword = randomBytes(12).toString('base64url');
    await container.accounts.createUser(ctx, { email: vendorEmail, name: 'Bench Admin', password: vendorPassword, memberships: [{ accountId: vendor.id, role: 'admin' }] });
    const { token } = await container.apiTokens.create(ctx, account.id, { name: 'bench', role: 'member' });
    if (serials > 0) {
      const report = await container.orderImport.importCsv(ctx, importCsv(account.id, productSku, serials, 'SEED'));
      if (report.imported !== serials) throw new Error(`seeding imported ${report.imported} of ${serials}`);
    }
    const rows = await container.store.db.selectFrom('entitlements').select('serial_number').where('account_id', '=', account.id).orderBy('id').execute();
    return { env, accountId: account.id, productSku, token, vendorEmail, vendorPassword, serialNumbers: rows.map((r) => r.serial_number) };
  } finally {
    await container.close();
  }
}

/** `rows` one-line orders of the product, each with a year of maintenance. */
export function importCsv(accountId: string, sku: string, rows: number, prefix: string): string {
  const lines = [ORDER_IMPORT_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}-${i},${accountId},,${sku},${1 + (i % 8)},2026-01-01,2026-12-31,${i % 10 === 0}`);
  return lines.join('\n') + '\n';
}
