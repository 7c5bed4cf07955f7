import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { generateLicenseKey } from '../../../domain/identifiers/index.js';
import { signLicenseFile, type LicensePayload } from '../../../domain/signing/index.js';
import type { TIssuedLicense } from '../../../contracts/licenses.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import type { SigningKeys } from '../signing/signing-keys.service.js';
import type { LicensesTable } from './licenses.table.js';
import { licensesRepository, type LicenseRow } from './licenses.repository.js';
import { toLicenseView } from './license-view.js';

/** What every way of obtaining a license (Get a Key, re-host, upgrade, draw-down, voucher) asks for. */
export interface LicenseToIssue {
  accountId: string;
  product: ProductsTable;
  quantity: number;
  /** Required when the product is node-locked; null otherwise. */
  hostId: string | null;
  /** Defaults to the moment of issue; a later start (a subscription term) is kept. */
  notBefore?: Date | null;
  /** Calendar date, the last day it is valid; null for perpetual licenses. */
  expiresAt: string | null;
  maintenanceEndsAt: string | null;
  source: LicensesTable['source'];
  sourceRef: string | null;
  entitlementId: string | null;
  /** The entitlement's serial, for the answer (the row reaches it through `entitlementId`). */
  serialNumber?: string | null;
  registrationId: string | null;
  /** A key printed on the certificate already; a new one is drawn otherwise. */
  licenseKey?: string | null;
  replacesLicenseId?: string | null;
  /** Defaults to the product's features. */
  features?: string[];
  /** Set when a partner acts on the customer's behalf (recorded in the audit entry). */
  partnerAccountId?: string | null;
}

/**
 * Issues licenses (SPEC §4): builds the payload, signs the file with the active key, stores it and
 * records `license.issued`, all inside the caller's transaction. Every capability that hands out
 * licenses goes through here, so every file has the same shape and signature.
 */
export class LicenseIssuer {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; signingKeys: SigningKeys }) {}

  async issue(tx: Db, ctx: RequestContext, input: LicenseToIssue): Promise<TIssuedLicense> {
    if (input.product.node_locked === 1 && !input.hostId) throw new TypeError(`license of ${input.product.sku}: node-locked, a host ID is required`);
    const now = this.deps.clock.now();
    const issuedAt = now.toISOString();
    const notBefore = input.notBefore && input.notBefore > now ? input.notBefore.toISOString() : issuedAt;
    const id = newId('license', now);
    const features = input.features ?? (JSON.parse(input.product.features) as string[]);
    const payload: LicensePayload = {
      licenseId: id,
      licenseKey: input.licenseKey ?? generateLicenseKey(),
      accountId: input.accountId,
      productSku: input.product.sku,
      productName: input.product.name,
      version: input.product.version,
      quantity: input.quantity,
      unit: input.product.unit,
      features,
      issuedAt,
      notBefore,
      expiresAt: input.expiresAt,
      maintenanceEndsAt: input.maintenanceEndsAt,
      hostId: input.hostId,
    };
    const key = await this.deps.signingKeys.activeKey(tx);
    const file = signLicenseFile(payload, key);
    const row: LicensesTable = {
      id,
      account_id: input.accountId,
      product_id: input.product.id,
      entitlement_id: input.entitlementId,
      license_key: payload.licenseKey,
      quantity: input.quantity,
      features: JSON.stringify(features),
      host_id: input.hostId,
      not_before: notBefore,
      expires_at: input.expiresAt,
      maintenance_ends_at: input.maintenanceEndsAt,
      status: 'active',
      source: input.source,
      source_ref: input.sourceRef,
      replaces_license_id: input.replacesLicenseId ?? null,
      registration_id: input.registrationId,
      file: JSON.stringify(file),
      kid: key.kid,
      issued_at: issuedAt,
      revoked_at: null,
    };
    await licensesRepository.insertLicense(tx, row);
    await this.deps.audit.record(tx, ctx, {
      action: 'license.issued',
      accountId: input.accountId,
      partnerAccountId: input.partnerAccountId ?? null,
      targetType: 'license',
      targetId: id,
      data: { productSku: input.product.sku, quantity: input.quantity, hostId: input.hostId, source: input.source, sourceRef: input.sourceRef, replacesLicenseId: row.replaces_license_id, kid: key.kid },
    });
    // The signed file as it is, rather than parsed back from the row's text.
    return { ...toLicenseView(withProduct(row, input.product, input.serialNumber ?? null)), file };
  }
}

/** The row as a join would read it, so a fresh license maps like a stored one. */
function withProduct(row: LicensesTable, product: ProductsTable, serialNumber: string | null): LicenseRow {
  return {
    ...row,
    sku: product.sku,
    product_name: product.name,
    product_line: product.product_line,
    version: product.version,
    edition: product.edition,
    license_model: product.license_model,
    unit: product.unit,
    node_locked: product.node_locked,
    rehosts_per_year: product.rehosts_per_year,
    serial_number: serialNumber,
  };
}
