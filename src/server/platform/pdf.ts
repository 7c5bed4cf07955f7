import PDFDocument from 'pdfkit';

/** The document metadata every portal PDF carries: title, the operator as author, a fixed date. */
export interface PdfInfo {
  title: string;
  author: string;
  /** Also the modification date, so the same document renders the same bytes' metadata. */
  createdAt: Date;
  margin?: number;
}

/**
 * A new A4 document and the promise of its bytes once `doc.end()` is called. Built-in fonts only
 * (Helvetica, Courier): no font files to ship.
 */
export function createPdf(info: PdfInfo): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: info.margin ?? 56,
    info: { Title: info.title, Author: info.author, CreationDate: info.createdAt, ModDate: info.createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
