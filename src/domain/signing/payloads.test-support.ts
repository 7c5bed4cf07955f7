import type { ContractPayload } from './contract-file.js';
import type { LicensePayload } from './license-file.js';

/** A complete license payload for tests; override what the test is about. */
export function aLicensePayload(overrides: Partial<LicensePayload> = {}): LicensePayload {
  return {
    licenseId: 'lic_01hzx3k9q2m4n6p8r0t2v4w6y8',
    licenseKey: '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN',
    accountId: 'acc_01hzx3k9q2m4n6p8r0t2v4w6y8',
    productSku: 'VB-22-ENT',
    productName: 'Vault Backup Enterprise',
    version: '22',
    quantity: 5,
    unit: 'server',
    features: ['dedup', 'encryption', 'r\u00e9plication'],
    issuedAt: '2026-01-15T10:00:00Z',
    notBefore: '2026-01-15T00:00:00Z',
    expiresAt: '2027-01-15T00:00:00Z',
    maintenanceEndsAt: '2027-01-15',
    hostId: null,
    ...overrides,
  };
}

/** A complete maintenance contract payload for tests. */
export function aContractPayload(overrides: Partial<ContractPayload> = {}): ContractPayload {
  return {
    serialNumber: 'M3482915673',
    accountId: 'acc_01hzx3k9q2m4n6p8r0t2v4w6y8',
    productSku: 'VB-22-ENT',
    productName: 'Vault Backup Enterprise',
    startsAt: '2026-04-01',
    endsAt: '2027-03-31',
    schedule: { leadDays: [90, 60, 30], dayOf: false, expired: true },
    issuedAt: '2026-04-01T08:30:00Z',
    ...overrides,
  };
}
