import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_IMPORT_COLUMNS } from '../../src/contracts/orders.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, PRODUCTS, type World } from './setup.js';

const HEADER = ORDER_IMPORT_COLUMNS.join(',');
const csv = (rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const importCsv = (client: Client, body: string) => client.request('POST', '/admin/orders/import', body, { 'content-type': 'text/csv' });

describeEachDialect('order import', (dialect) => {
  let portal: TestPortal;
  let world: World;
  let references: () => Promise<Set<string>>;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
    references = async () => {
      const found = new Set<string>();
      let cursor = '';
      for (;;) {
        const page = (await world.vendor.get(`/admin/orders?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json();
        for (const o of page.items) found.add(o.reference);
        if (!page.nextCursor) return found;
        cursor = page.nextCursor;
      }
    };
  });
  afterAll(() => portal.close());

  describe('happy and errors', () => {
    it('imports the good rows and reports each rejected row with its faults; a rejected row writes nothing', async () => {
      const c = world.customer.id;
      const p = world.partner.id;
      const body = csv([
        `R-1,${c},${p},${PRODUCTS.server.sku},2,2026-12-01,2027-11-30,false`,
        `R-2,${c},,${PRODUCTS.archive.sku},10,2026-12-01,2027-11-30,true`,
        `R-3,${c},,NOPE,1,,,`,
        `R-4,${c},,${PRODUCTS.archive.sku},1,,,`,
        `R-5,${c},,${PRODUCTS.server.sku},x,2026-12-01,,maybe`,
        `R-6,acc_nobody,${c},${PRODUCTS.agent.sku},1,,,`,
        `R-1,${c},,${PRODUCTS.agent.sku},1,,,`,
        `R-8,${c},${PRODUCTS.agent.sku},1`,
        `"R-9",${c},,${PRODUCTS.agent.sku},"3",,,no`,
      ]);
      const res = await importCsv(world.vendor, body);
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json();
      expect(report.imported).toBe(3);
      const faults = Object.fromEntries(report.rejected.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors.map((e) => e.field)]));
      expect(faults).toEqual({
        4: ['productSku'],
        5: ['maintenanceStartsAt'],
        6: ['quantity', 'maintenanceEndsAt', 'keyOnCertificate'],
        7: ['accountId', 'partnerAccountId'],
        8: ['reference'],
        9: ['row'],
      });
      expect(report.rejected.find((r: { row: number }) => r.row === 8).errors[0].message).toContain('row 2');
      const refs = await references();
      for (const ok of ['R-1', 'R-2', 'R-9']) expect(refs.has(ok)).toBe(true);
      for (const bad of ['R-3', 'R-4', 'R-5', 'R-6', 'R-8']) expect(refs.has(bad)).toBe(false);
      const orders = (await world.vendor.get(`/admin/orders?accountId=${c}`)).json().items;
      const r1 = orders.find((o: { reference: string }) => o.reference === 'R-1');
      expect(r1).toMatchObject({ source: 'import', partnerAccountId: p, lineCount: 1 });
      const cert = (await world.vendor.get(`/admin/certificates/${r1.certificateId}`)).json();
      expect(cert.lines[0]).toMatchObject({ productSku: PRODUCTS.server.sku, quantity: 2, maintenanceStartsAt: '2026-12-01', maintenanceEndsAt: '2027-11-30', maintenanceSerialNumber: expect.stringMatching(/^M\d{10}$/) });
    });

    it('does nothing the second time the same file comes: every row was imported already', async () => {
      const body = csv([`AGAIN-1,${world.customer.id},,${PRODUCTS.agent.sku},1,,,`]);
      expect((await importCsv(world.vendor, body)).json()).toEqual({ imported: 1, rejected: [] });
      const again = (await importCsv(world.vendor, body)).json();
      expect(again.imported).toBe(0);
      expect(again.rejected).toEqual([{ row: 2, errors: [{ field: 'reference', message: expect.stringContaining('imported already') }] }]);
    });

    it('refuses a file whose columns are wrong before reading any row', async () => {
      const missing = await importCsv(world.vendor, 'reference,accountId\nX,Y\n');
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details[0]).toMatchObject({ field: 'body', message: expect.stringContaining('missing columns') });
      const unknown = await importCsv(world.vendor, `${HEADER},colour\n`);
      expect(unknown.json().error.details[0].message).toContain('unknown column "colour"');
      expect((await importCsv(world.vendor, '')).statusCode).toBe(400);
      expect((await importCsv(world.vendor, `${HEADER}\n"unclosed,${world.customer.id}\n`)).statusCode).toBe(400);
      expect((await world.vendor.post('/admin/orders/import', { rows: [] })).statusCode).toBe(400);
    });

    it('mails the certificates of imported orders from the worker, once', async () => {
      const body = csv([`MAIL-1,${world.customer.id},,${PRODUCTS.agent.sku},1,,,`]);
      expect((await importCsv(world.vendor, body)).json().imported).toBe(1);
      const run = await world.vendor.post('/admin/jobs/run-due', {});
      expect(run.json().tasks.certificates).toBeGreaterThanOrEqual(1);
      const order = (await world.vendor.get(`/admin/orders?accountId=${world.customer.id}&limit=500`)).json().items.find((o: { reference: string }) => o.reference === 'MAIL-1');
      const mails = (await world.vendor.get(`/admin/outbox?to=${encodeURIComponent(world.users.admin.email)}&limit=500`)).json().items;
      expect(mails.filter((m: { subject: string }) => m.subject.includes(order.certificateId))).toHaveLength(1);
      expect((await world.vendor.post('/admin/jobs/run-due', {})).json().tasks.certificates).toBe(0);
    });
  });

  describe('scale and concurrency', () => {
    it('imports more rows than one transaction holds, rejecting only the bad one', async () => {
      const rows = Array.from({ length: 2401 }, (_, i) => (i === 2100 ? `BIG-${i},${world.customer.id},,NOPE,1,,,` : `BIG-${i},${world.customer.id},,${PRODUCTS.server.sku},1,2026-12-01,2027-12-01,`));
      const report = (await importCsv(world.vendor, csv(rows))).json();
      expect(report.imported).toBe(2400);
      expect(report.rejected).toEqual([{ row: 2102, errors: [{ field: 'productSku', message: 'no product with this SKU' }] }]);
    });

    it('records each order once when the same file is imported twice at the same moment', async () => {
      const rows = Array.from({ length: 300 }, (_, i) => `RACE-${i},${world.customer.id},,${PRODUCTS.agent.sku},1,,,`);
      const [a, b] = await Promise.all([importCsv(world.vendor, csv(rows)), importCsv(world.vendor, csv(rows))]);
      const total = a.json().imported + b.json().imported;
      expect(total).toBe(300);
      for (const r of [...a.json().rejected, ...b.json().rejected]) expect(r.errors[0]).toMatchObject({ field: 'reference' });
      const refs = await references();
      expect([...refs].filter((r) => r.startsWith('RACE-'))).toHaveLength(300);
    });
  });
});
