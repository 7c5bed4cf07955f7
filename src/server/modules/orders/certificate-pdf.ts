import { createPdf } from '../../platform/pdf.js';
import type { TCertificate, TCertificateLine } from '../../../contracts/orders.js';

/**
 * The certificate as a PDF (SPEC §3): who issued it, to which account, and for each line the
 * product, quantity, serial number, Maintenance/Subscription dates and the key where printed.
 */
export function renderCertificatePdf(certificate: TCertificate, vendorName: string): Promise<Buffer> {
  const { doc, bytes } = createPdf({ title: `License certificate ${certificate.id}`, author: vendorName, createdAt: new Date(certificate.issuedAt) });
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#555').text(vendorName.toUpperCase(), { characterSpacing: 1 });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(22).fillColor('#000').text('License Certificate');
  doc.moveDown(0.8).font('Helvetica').fontSize(10);
  field(doc, 'Issued to', certificate.accountName);
  field(doc, 'Account', certificate.accountId);
  field(doc, 'Certificate', certificate.id);
  field(doc, 'Order', certificate.orderId);
  field(doc, 'Issued on', certificate.issuedAt.slice(0, 10));
  doc.moveDown(0.8);

  certificate.lines.forEach((line, index) => renderLine(doc, line, index + 1));

  doc.moveDown(1).font('Helvetica').fontSize(9).fillColor('#555');
  doc.text(
    'Register each serial number in the Licensing Portal under Get a Key to receive its license key and license file. ' +
      'Registration is required to receive maintenance and support. Keep this certificate: the serial numbers prove the purchase.',
  );
  doc.end();
  return bytes;
}

function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
}

function renderLine(doc: PDFKit.PDFDocument, line: TCertificateLine, number: number): void {
  if (doc.y > doc.page.height - 200) doc.addPage();
  const top = doc.y;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(`${number}. ${line.productName}`, left + 8, top + 8, { width: width - 16 });
  doc.font('Helvetica').fontSize(10).moveDown(0.3);
  field(doc, 'SKU', line.productSku);
  field(doc, 'Quantity', String(line.quantity));
  doc.font('Helvetica-Bold').text('Serial number: ', { continued: true }).font('Courier-Bold').text(line.serialNumber);
  const term = line.licenseModel === 'subscription' ? 'Subscription' : 'Maintenance';
  if (line.maintenanceStartsAt && line.maintenanceEndsAt) {
    doc.font('Helvetica');
    field(doc, `${term} start`, line.maintenanceStartsAt);
    field(doc, `${term} end`, line.maintenanceEndsAt);
    if (line.maintenanceSerialNumber) field(doc, 'Maintenance contract', line.maintenanceSerialNumber);
  } else {
    doc.font('Helvetica');
    field(doc, term, 'none');
  }
  if (line.licenseKey) doc.font('Helvetica-Bold').text('License key: ', { continued: true }).font('Courier-Bold').text(line.licenseKey);
  doc.font('Helvetica');
  const bottom = doc.y + 8;
  doc.rect(left, top, width, bottom - top).lineWidth(0.5).strokeColor('#999').stroke();
  doc.x = left;
  doc.y = bottom + 10;
}
