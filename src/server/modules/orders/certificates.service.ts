import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { pageOf } from '../../platform/paging.js';
import { notFound } from '../../http/app-error.js';
import type { TCertificate } from '../../../contracts/orders.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { contractsRepository } from '../contracts/contracts.repository.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { ordersRepository, type CertificateLineRow, type CertificateRow } from './orders.repository.js';

export interface CertificatesDeps {
  store: Store;
  clock: Clock;
  outbox: Outbox;
  vendorName: string;
  publicUrl: string;
}

export interface CertificatePdf {
  filename: string;
  bytes: Buffer;
}

/** Certificates (SPEC §3): read by the vendor and by their account, as JSON or PDF, and e-mailed once. */
export class CertificatesService {
  constructor(private readonly deps: CertificatesDeps) {}

  async getForVendor(ctx: RequestContext, id: string): Promise<TCertificate> {
    authorize(ctx.actor, 'vendor.read');
    return this.get(this.deps.store.db, id);
  }

  async getForAccount(ctx: RequestContext, accountId: string, id: string): Promise<TCertificate> {
    authorize(ctx.actor, 'account.read', accountId);
    return this.get(this.deps.store.db, id, accountId);
  }

  async pdfForVendor(ctx: RequestContext, id: string): Promise<CertificatePdf> {
    return this.pdf(await this.getForVendor(ctx, id));
  }

  async pdfForAccount(ctx: RequestContext, accountId: string, id: string): Promise<CertificatePdf> {
    return this.pdf(await this.getForAccount(ctx, accountId, id));
  }

  async listForAccount(ctx: RequestContext, accountId: string, opts: { cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const rows = await ordersRepository.listCertificates(db, { accountId, before: opts.cursor, limit: opts.limit + 1 });
    return pageOf(await this.views(db, rows), opts.limit, (c) => c.id);
  }

  /** The certificates of rows, with their lines, in the rows' order. */
  async views(db: Db, rows: CertificateRow[]): Promise<TCertificate[]> {
    const lines = await ordersRepository.linesOfCertificates(db, rows.map((r) => r.id));
    const contracts = await contractsRepository.maintenanceContractsOfEntitlements(db, lines.map((l) => l.id));
    const contractOf = new Map<string, string>();
    for (const c of contracts) if (c.entitlement_id && !contractOf.has(c.entitlement_id)) contractOf.set(c.entitlement_id, c.serial_number);
    return rows.map((row) => toCertificateView(row, lines.filter((l) => l.certificate_id === row.id), contractOf));
  }

  /**
   * Queues the certificate to each admin of its account with the PDF attached, once: the claim
   * on `mailed_at` and the messages commit together (SPEC §14).
   */
  async mail(tx: Db, certificate: TCertificate, alreadyClaimed = false): Promise<number> {
    if (!alreadyClaimed && !(await ordersRepository.claimCertificateMail(tx, certificate.id, this.deps.clock.now().toISOString()))) return 0;
    const admins = await accountsRepository.membersWithRole(tx, certificate.accountId, ['admin']);
    if (admins.length === 0) return 0;
    const pdf = await this.pdf(certificate);
    for (const admin of admins) {
      await this.deps.outbox.enqueue(tx, {
        kind: 'certificate',
        accountId: certificate.accountId,
        to: admin.email,
        subject: `${this.deps.vendorName}: license certificate ${certificate.id}`,
        text: certificateMailText(certificate, admin.name, this.deps.publicUrl),
        attachments: [{ filename: pdf.filename, contentType: 'application/pdf', contentBase64: pdf.bytes.toString('base64') }],
      });
    }
    return admins.length;
  }

  /** The worker's pass: mails certificates of imported orders. Returns how many were mailed. */
  async mailPending(): Promise<number> {
    const { store } = this.deps;
    let mailed = 0;
    for (const id of await ordersRepository.listUnmailedCertificateIds(store.db, 50)) {
      const sent = await store.transaction(async (tx) => {
        const row = await ordersRepository.findCertificate(tx, id);
        if (!row || !(await ordersRepository.claimCertificateMail(tx, id, this.deps.clock.now().toISOString()))) return false;
        const [view] = await this.views(tx, [row]);
        await this.mail(tx, view!, true);
        return true;
      });
      if (sent) mailed++;
    }
    return mailed;
  }

  private async get(db: Db, id: string, accountId?: string): Promise<TCertificate> {
    const row = await ordersRepository.findCertificate(db, id, accountId);
    if (!row) throw notFound('certificate');
    const [view] = await this.views(db, [row]);
    return view!;
  }

  private async pdf(certificate: TCertificate): Promise<CertificatePdf> {
    return { filename: `certificate-${certificate.id}.pdf`, bytes: await renderCertificatePdf(certificate, this.deps.vendorName) };
  }
}

function toCertificateView(row: CertificateRow, lines: CertificateLineRow[], contractOf: Map<string, string>): TCertificate {
  return {
    id: row.id,
    orderId: row.order_id,
    accountId: row.account_id,
    accountName: row.account_name,
    partnerAccountId: row.partner_account_id,
    issuedAt: row.issued_at,
    lines: lines.map((l) => ({
      serialNumber: l.serial_number,
      productSku: l.sku,
      productName: l.product_name,
      licenseModel: l.license_model,
      quantity: l.quantity,
      maintenanceSerialNumber: contractOf.get(l.id) ?? null,
      maintenanceStartsAt: l.maintenance_starts_at,
      maintenanceEndsAt: l.maintenance_ends_at,
      licenseKey: l.key_on_certificate === 1 ? l.license_key : null,
      registeredAt: l.registered_at,
    })),
  };
}

function certificateMailText(c: TCertificate, name: string, publicUrl: string): string {
  return [
    `Hello ${name},`,
    '',
    `${c.accountName} has a new license certificate (${c.id}), attached as a PDF. Its serial numbers:`,
    '',
    ...c.lines.map((l) => `  ${l.serialNumber}  ${l.quantity} × ${l.productName}${l.maintenanceEndsAt ? ` (maintenance until ${l.maintenanceEndsAt})` : ''}`),
    '',
    `Register each serial number under Get a Key to receive its license key and file:`,
    `${publicUrl}/a/${c.accountId}/get-a-key`,
  ].join('\n');
}
