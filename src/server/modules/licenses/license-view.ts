import type { TIssuedLicense, TLicense } from '../../../contracts/licenses.js';
import type { LicenseFile } from '../../../domain/signing/index.js';
import type { LicenseRow } from './licenses.repository.js';

/** A stored license as the API shows it (never the row itself). */
export function toLicenseView(row: LicenseRow): TLicense {
  return {
    id: row.id,
    accountId: row.account_id,
    licenseKey: row.license_key,
    productSku: row.sku,
    productName: row.product_name,
    productLine: row.product_line,
    version: row.version,
    edition: row.edition,
    licenseModel: row.license_model,
    unit: row.unit,
    quantity: row.quantity,
    features: JSON.parse(row.features) as string[],
    nodeLocked: row.node_locked === 1,
    hostId: row.host_id,
    notBefore: row.not_before,
    expiresAt: row.expires_at,
    maintenanceEndsAt: row.maintenance_ends_at,
    status: row.status,
    source: row.source,
    serialNumber: row.serial_number,
    replacesLicenseId: row.replaces_license_id,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
  };
}

/** With the signed file, exactly as stored and served. */
export function toIssuedLicenseView(row: LicenseRow): TIssuedLicense {
  return { ...toLicenseView(row), file: JSON.parse(row.file) as LicenseFile };
}

/** `<sku>-<version>.lic`, safe as a file name on every system. */
export function licenseFileName(row: Pick<LicenseRow, 'sku' | 'version'>): string {
  return `${row.sku}-${row.version}.lic`.replace(/[^A-Za-z0-9._-]+/g, '_');
}
