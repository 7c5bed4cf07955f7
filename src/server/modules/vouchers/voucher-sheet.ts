import PDFDocument from 'pdfkit';
import type { TVoucher, TVoucherBatch } from '../../../contracts/vouchers.js';
import { toCsv } from '../../platform/csv.js';

const CODES_PER_ROW = 2;
const ROW_HEIGHT = 34;

/**
 * The batch sheet an OEM prints (SPEC §9): the batch's product and last day, then every code in a
 * numbered box with its state, two to a row, so codes can be cut out and handed over. Built-in
 * fonts only; codes in Courier so `0` and `O`-like glyphs are told apart.
 */
export function renderBatchSheetPdf(batch: TVoucherBatch, vouchers: TVoucher[], vendorName: string): Promise<Buffer> {
  const created = new Date(batch.createdAt);
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `Voucher batch ${batch.id}`, Author: vendorName, CreationDate: created, ModDate: created } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(11).fillColor('#555').text(vendorName.toUpperCase(), { characterSpacing: 1 });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(20).fillColor('#000').text('Voucher batch');
  doc.moveDown(0.6).font('Helvetica').fontSize(10);
  for (const [label, value] of [
    ['OEM', batch.oemAccountName],
    ['Product', `${batch.productName} (${batch.productSku})`],
    ['Vouchers', `${batch.count}: ${batch.counts.available} available, ${batch.counts.redeemed} redeemed, ${batch.counts.expired} expired, ${batch.counts.void} void`],
    ['Redeem until', batch.expiresAt],
    ['Batch', batch.id],
  ] as const) {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  }
  doc.moveDown(0.5).fontSize(9).fillColor('#555').text('Each code converts once into a license for one end customer, in the Voucher Center of the Licensing Portal.');
  doc.moveDown(0.8);

  const left = doc.page.margins.left;
  const width = (doc.page.width - left - doc.page.margins.right) / CODES_PER_ROW;
  let y = doc.y;
  vouchers.forEach((voucher, index) => {
    const column = index % CODES_PER_ROW;
    if (column === 0 && index > 0) y += ROW_HEIGHT;
    if (y + ROW_HEIGHT > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    const x = left + column * width;
    doc.rect(x + 2, y, width - 4, ROW_HEIGHT - 4).lineWidth(0.5).dash(3, { space: 2 }).strokeColor('#999').stroke().undash();
    doc.font('Helvetica').fontSize(8).fillColor('#555').text(`${index + 1}`, x + 8, y + 5, { lineBreak: false });
    doc.font('Courier-Bold').fontSize(12).fillColor('#000').text(voucher.code, x + 30, y + 6, { lineBreak: false });
    doc.font('Helvetica').fontSize(7).fillColor('#555').text(voucher.state, x + 30, y + 20, { lineBreak: false });
  });
  doc.end();
  return done;
}

/** The batch as a spreadsheet for the OEM: one row per code with its state and conversion. */
export function batchCsv(vouchers: TVoucher[]): string {
  return toCsv(
    ['code', 'state', 'expires_at', 'redeemed_at', 'redeemed_by', 'end_customer', 'license_key'],
    vouchers.map((v) => [v.code, v.state, v.expiresAt, v.redeemedAt, v.redeemedBy, v.endCustomer?.name, v.licenseKey]),
  );
}
