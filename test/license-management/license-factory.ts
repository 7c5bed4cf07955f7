import { generateLicenseKey, generateSerialNumber } from '../../src/domain/identifiers/index.js';
import { newId } from '../../src/server/platform/ids.js';
import type { LicensesTable } from '../../src/server/modules/licenses/licenses.table.js';
import type { ProductsTable } from '../../src/server/modules/catalog/catalog.table.js';
import type { TestPortal } from '../harness/portal.js';

let counter = 0;

export type LicenseOverrides = Partial<Omit<LicensesTable, 'account_id' | 'product_id'>> & { serialNumber?: string };

/**
 * Licenses written straight into the table for list tests: valid rows, a placeholder file. The
 * issuing path has its own tests; here only what the list reads matters.
 */
export function licenseFactory(portal: TestPortal) {
  const { db } = portal.container.store;
  const now = () => portal.clock.now();

  return {
    async product(overrides: Partial<ProductsTable> = {}): Promise<ProductsTable> {
      counter += 1;
      const row: ProductsTable = {
        id: newId('product', now()),
        sku: `VB-${counter}-${Date.now().toString(36)}`.toUpperCase(),
        name: `Vault Backup ${counter}`,
        product_line: 'Vault Backup',
        version: '22',
        edition: null,
        license_model: 'perpetual',
        unit: 'server',
        features: '[]',
        node_locked: 0,
        rehosts_per_year: 0,
        created_at: now().toISOString(),
        ...overrides,
      };
      await db.insertInto('products').values(row).execute();
      return row;
    },

    /** One license; with `serialNumber`, also the order, certificate and entitlement it came from. */
    async license(accountId: string, productId: string, overrides: LicenseOverrides = {}): Promise<LicensesTable> {
      const { serialNumber, ...columns } = overrides;
      const entitlementId = serialNumber ? await entitlement(accountId, productId, serialNumber) : null;
      const row = licenseRow(accountId, productId, { entitlement_id: entitlementId, ...columns });
      await db.insertInto('licenses').values(row).execute();
      return row;
    },

    async licenses(count: number, accountId: string, productId: string, overrides: (i: number) => LicenseOverrides = () => ({})): Promise<LicensesTable[]> {
      const out: LicensesTable[] = [];
      for (let i = 0; i < count; i++) out.push(await this.license(accountId, productId, overrides(i)));
      return out;
    },

    /** Many licenses in a few statements: for lists longer than a page of the export. */
    async bulk(count: number, accountId: string, productId: string): Promise<string[]> {
      const rows = Array.from({ length: count }, () => licenseRow(accountId, productId, {}));
      for (let i = 0; i < rows.length; i += 500) await db.insertInto('licenses').values(rows.slice(i, i + 500)).execute();
      return rows.map((r) => r.id);
    },

    serial: () => generateSerialNumber('S'),
  };

  function licenseRow(accountId: string, productId: string, columns: Partial<LicensesTable>): LicensesTable {
    const at = now();
    return {
      id: newId('license', at),
      account_id: accountId,
      product_id: productId,
      entitlement_id: null,
      license_key: generateLicenseKey(),
      quantity: 1,
      features: '[]',
      host_id: null,
      not_before: at.toISOString(),
      expires_at: null,
      maintenance_ends_at: null,
      status: 'active',
      source: 'get_a_key',
      source_ref: null,
      replaces_license_id: null,
      registration_id: null,
      file: '{"format":"lp-license-1","placeholder":true}',
      kid: 'test-kid',
      issued_at: at.toISOString(),
      revoked_at: null,
      ...columns,
    };
  }

  async function entitlement(accountId: string, productId: string, serialNumber: string): Promise<string> {
    const at = now().toISOString();
    const orderId = newId('order');
    const certificateId = newId('certificate');
    const id = newId('entitlement');
    await db.insertInto('orders').values({ id: orderId, account_id: accountId, partner_account_id: null, reference: null, source: 'api', created_at: at }).execute();
    await db.insertInto('certificates').values({ id: certificateId, order_id: orderId, account_id: accountId, issued_at: at, mailed_at: at }).execute();
    await db
      .insertInto('entitlements')
      .values({
        id,
        serial_number: serialNumber,
        order_id: orderId,
        certificate_id: certificateId,
        account_id: accountId,
        line_no: 1,
        product_id: productId,
        quantity: 1,
        maintenance_starts_at: null,
        maintenance_ends_at: null,
        key_on_certificate: 0,
        license_key: null,
        registration_id: null,
        registered_at: null,
        created_at: at,
      })
      .execute();
    return id;
  }
}
