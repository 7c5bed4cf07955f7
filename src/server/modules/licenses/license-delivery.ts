import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { TIssuedLicense } from '../../../contracts/licenses.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { licensesRepository } from './licenses.repository.js';
import { licenseFileName } from './license-view.js';

export interface DeliveryRecipient {
  name: string;
  email: string;
}

/**
 * Sends a license key and its file to a technical contact (SPEC §5 step 6) and records the
 * delivery. When a partner obtained the key for its customer, the customer's technical contact
 * still receives it, and the delivery names the partner (SPEC §1).
 */
export class LicenseDelivery {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; outbox: Outbox; vendorName: string; publicUrl: string }) {}

  async deliver(tx: Db, ctx: RequestContext, license: TIssuedLicense, to: DeliveryRecipient, partnerAccountId: string | null): Promise<string> {
    const now = this.deps.clock.now();
    const filename = licenseFileName({ sku: license.productSku, version: license.version });
    const outboxId = await this.deps.outbox.enqueue(tx, {
      kind: 'license-key',
      accountId: license.accountId,
      to: to.email,
      subject: `${this.deps.vendorName}: license key for ${license.productName}`,
      text: mailText(license, to.name, filename, this.deps.publicUrl),
      attachments: [{ filename, contentType: 'application/json', contentBase64: Buffer.from(JSON.stringify(license.file)).toString('base64') }],
    });
    await licensesRepository.insertDelivery(tx, {
      id: newId('delivery', now),
      license_id: license.id,
      account_id: license.accountId,
      to_address: to.email,
      partner_account_id: partnerAccountId,
      outbox_id: outboxId,
      at: now.toISOString(),
    });
    await this.deps.audit.record(tx, ctx, {
      action: 'license.delivered',
      accountId: license.accountId,
      partnerAccountId,
      targetType: 'license',
      targetId: license.id,
      data: { to: to.email, outboxId, ...(partnerAccountId ? { obtainedByPartner: partnerAccountId } : {}) },
    });
    return to.email;
  }
}

function mailText(l: TIssuedLicense, name: string, filename: string, publicUrl: string): string {
  return [
    `Hello ${name},`,
    '',
    `here is the license for ${l.quantity} ${l.unit}${l.quantity === 1 ? '' : 's'} of ${l.productName}.`,
    '',
    `  License key:  ${l.licenseKey}`,
    ...(l.serialNumber ? [`  Serial number: ${l.serialNumber}`] : []),
    ...(l.hostId ? [`  Host ID:      ${l.hostId}`] : []),
    `  Valid from:   ${l.notBefore.slice(0, 10)}`,
    `  Expires:      ${l.expiresAt ?? 'never (perpetual)'}`,
    ...(l.maintenanceEndsAt ? [`  Maintenance until: ${l.maintenanceEndsAt}`] : []),
    '',
    `The license file is attached (${filename}): install it where the product asks for it.`,
    `The license is also in the portal: ${publicUrl}/a/${l.accountId}/licenses`,
  ].join('\n');
}
