import { z } from 'zod';
import { generateLicenseKey, generateSerialNumber, type SerialKind } from '../../../domain/identifiers/index.js';
import type { TErrorDetail } from '../../../contracts/errors.js';
import type { TMaintenanceTerm } from '../../../contracts/orders.js';
import type { Db } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import { contractsRepository } from '../contracts/contracts.repository.js';
import type { MaintenanceContractsTable } from '../contracts/contracts.table.js';
import { ordersRepository } from './orders.repository.js';
import type { CertificatesTable, EntitlementsTable, OrdersTable } from './orders.table.js';

/** An order line whose product is known and whose rules were checked. */
export interface CheckedLine {
  product: ProductsTable;
  quantity: number;
  maintenance: TMaintenanceTerm | null;
  keyOnCertificate: boolean;
}

export interface CheckedOrder {
  accountId: string;
  partnerAccountId: string | null;
  reference: string | null;
  source: OrdersTable['source'];
  lines: CheckedLine[];
}

/** Every row one order writes: the order, its certificate, a serial per line, a contract per term. */
export interface OrderPlan {
  order: OrdersTable;
  certificate: CertificatesTable;
  entitlements: EntitlementsTable[];
  contracts: MaintenanceContractsTable[];
}

/** Where a line's fault is reported: `lines.2.maintenance` in JSON, `maintenanceStartsAt` in CSV. */
export type LineField = (name: 'productSku' | 'maintenance' | 'maintenance.endsAt') => string;

/**
 * The rules of one order line (SPEC §3): the product exists; a subscription has a term (it is
 * the subscription's too); a term ends on or after its start. Answers every fault at once.
 */
export function checkOrderLine(line: { maintenance?: TMaintenanceTerm | null | undefined }, product: ProductsTable | undefined, field: LineField): TErrorDetail[] {
  if (!product) return [{ field: field('productSku'), message: 'no product with this SKU' }];
  const faults: TErrorDetail[] = [];
  if (product.license_model === 'subscription' && !line.maintenance) {
    faults.push({ field: field('maintenance'), message: `${product.sku} is a subscription: give its term (start and end date), which is also the subscription's` });
  }
  if (line.maintenance && line.maintenance.endsAt < line.maintenance.startsAt) {
    faults.push({ field: field('maintenance.endsAt'), message: 'must be on or after the start date' });
  }
  return faults;
}

const ZDate = z.iso.date();
export const isCalendarDate = (value: string): boolean => ZDate.safeParse(value).success;

/**
 * The rows of a checked order. Serial numbers are drawn here; the database's unique index has
 * the last word, and `insertWithFreshSerials` draws again on the rare collision.
 */
export function planOrder(input: CheckedOrder, now: Date, options: { mailed: boolean }): OrderPlan {
  const at = now.toISOString();
  const orderId = newId('order', now);
  const certificateId = newId('certificate', now);
  const entitlements: EntitlementsTable[] = [];
  const contracts: MaintenanceContractsTable[] = [];
  input.lines.forEach((line, index) => {
    const entitlementId = newId('entitlement', now);
    entitlements.push({
      id: entitlementId,
      serial_number: generateSerialNumber('S'),
      order_id: orderId,
      certificate_id: certificateId,
      account_id: input.accountId,
      line_no: index + 1,
      product_id: line.product.id,
      quantity: line.quantity,
      maintenance_starts_at: line.maintenance?.startsAt ?? null,
      maintenance_ends_at: line.maintenance?.endsAt ?? null,
      key_on_certificate: line.keyOnCertificate ? 1 : 0,
      license_key: line.keyOnCertificate ? generateLicenseKey() : null,
      registration_id: null,
      registered_at: null,
      created_at: at,
    });
    if (line.maintenance) {
      contracts.push({
        id: newId('maintenanceContract', now),
        serial_number: generateSerialNumber('M'),
        account_id: input.accountId,
        entitlement_id: entitlementId,
        product_id: line.product.id,
        starts_at: line.maintenance.startsAt,
        ends_at: line.maintenance.endsAt,
        renewed_by_id: null,
        created_at: at,
        updated_at: at,
      });
    }
  });
  return {
    order: { id: orderId, account_id: input.accountId, partner_account_id: input.partnerAccountId, reference: input.reference, source: input.source, created_at: at },
    certificate: { id: certificateId, order_id: orderId, account_id: input.accountId, issued_at: at, mailed_at: options.mailed ? at : null },
    entitlements,
    contracts,
  };
}

/** Writes every row of the plans, in the order the foreign keys need. */
export async function insertOrderPlans(tx: Db, plans: OrderPlan[]): Promise<void> {
  await ordersRepository.insertOrders(tx, plans.map((p) => p.order));
  await ordersRepository.insertCertificates(tx, plans.map((p) => p.certificate));
  await insertWithFreshSerials(plans.flatMap((p) => p.entitlements), 'S', (rows) => ordersRepository.insertEntitlements(tx, rows));
  await insertWithFreshSerials(plans.flatMap((p) => p.contracts), 'M', (rows) => contractsRepository.insertMaintenanceContracts(tx, rows));
}

/**
 * Inserts rows that each carry a freshly drawn serial number. `insert` writes what it can and
 * answers the serials written; a row whose serial collided with a stored one draws again.
 * Nine random digits make a collision rare, never impossible: hence the loop, not a hope.
 */
export async function insertWithFreshSerials<R extends { serial_number: string }>(
  rows: R[],
  kind: SerialKind,
  insert: (rows: R[]) => Promise<Set<string>>,
): Promise<void> {
  let pending = rows;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= 8) throw new Error(`could not draw ${pending.length} unique ${kind} serial numbers`);
    if (attempt > 0) for (const row of pending) row.serial_number = generateSerialNumber(kind);
    redrawDuplicates(pending, kind);
    const written = await insert(pending);
    pending = pending.filter((row) => !written.has(row.serial_number));
  }
}

function redrawDuplicates(rows: { serial_number: string }[], kind: SerialKind): void {
  const seen = new Set<string>();
  for (const row of rows) {
    while (seen.has(row.serial_number)) row.serial_number = generateSerialNumber(kind);
    seen.add(row.serial_number);
  }
}
