import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSerialNumber } from '../../src/domain/identifiers/index.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { pdfText } from './pdf-text.js';
import { getAKeyWorld, orderEverything, PRODUCTS, type World } from './setup.js';

describeEachDialect('orders and certificates', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
  });
  afterAll(() => portal.close());

  const orderCount = async () => (await world.vendor.get(`/admin/orders?accountId=${world.customer.id}&limit=500`)).json().items.length as number;

  describe('happy', () => {
    it('issues a certificate: a serial per line, a maintenance contract per term, a key where printed', async () => {
      const { order, today, nextYear } = await orderEverything(portal, world, { partnerAccountId: world.partner.id, reference: 'PO-1001' });
      expect(order.id).toMatch(/^ord_/);
      const [server, agent, archive] = order.certificate.lines;
      for (const line of order.certificate.lines) expect(parseSerialNumber(line.serialNumber, { kinds: ['S'] }).ok).toBe(true);
      expect(new Set(order.certificate.lines.map((l) => l.serialNumber)).size).toBe(3);
      expect(server).toMatchObject({ productSku: PRODUCTS.server.sku, quantity: 2, maintenanceStartsAt: today, maintenanceEndsAt: nextYear, licenseKey: null });
      expect(parseSerialNumber(server!.maintenanceSerialNumber!, { kinds: ['M'] }).ok).toBe(true);
      expect(agent).toMatchObject({ quantity: 4, maintenanceSerialNumber: null, maintenanceStartsAt: null, maintenanceEndsAt: null, licenseKey: null });
      expect(archive!.licenseKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      expect(order.certificate).toMatchObject({ accountId: world.customer.id, partnerAccountId: world.partner.id });
    });

    it('delegates the partner that sold it to the customer', async () => {
      const admin = await portal.signIn(world.users.admin.email);
      const delegations = (await admin.get(`/accounts/${world.customer.id}/delegations`)).json().items;
      expect(delegations).toEqual([expect.objectContaining({ partnerAccountId: world.partner.id, source: 'order' })]);
    });

    it("e-mails the certificate with its PDF to the account's admins", async () => {
      const { order } = await orderEverything(portal, world);
      const mail = (await world.vendor.get(`/admin/outbox?to=${encodeURIComponent(world.users.admin.email)}`)).json().items;
      const message = mail.find((m: { subject: string }) => m.subject.includes(order.certificate.id));
      expect(message).toMatchObject({ kind: 'certificate', attachments: [`certificate-${order.certificate.id}.pdf`] });
      expect(message.text).toContain(order.certificate.lines[0]!.serialNumber);
      const toMember = (await world.vendor.get(`/admin/outbox?to=${encodeURIComponent(world.users.member.email)}`)).json().items;
      expect(toMember.filter((m: { kind: string }) => m.kind === 'certificate')).toEqual([]);
    });

    it('lists orders newest first, with paging', async () => {
      const first = (await world.vendor.get(`/admin/orders?accountId=${world.customer.id}&limit=1`)).json();
      expect(first.items[0]).toMatchObject({ accountId: world.customer.id, accountName: 'Acme Test Corp', lineCount: 3, source: 'api' });
      const second = (await world.vendor.get(`/admin/orders?accountId=${world.customer.id}&limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.items[0].id < first.items[0].id).toBe(true);
    });

    it('renders the certificate as a PDF with the vendor, the account, serials, dates and the printed key', async () => {
      const { order, nextYear } = await orderEverything(portal, world);
      const res = await world.vendor.get(`/admin/certificates/${order.certificate.id}.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(res.rawPayload);
      expect(text).toContain(portal.config.vendorName.toUpperCase());
      expect(text).toContain('Acme Test Corp');
      for (const line of order.certificate.lines) expect(text).toContain(line.serialNumber);
      expect(text).toContain(order.certificate.lines[2]!.licenseKey!);
      expect(text).toContain('Subscription end');
      expect(text).toContain(nextYear);
    });

    it("shows the account's certificates to its users, as JSON and as PDF", async () => {
      const { order } = await orderEverything(portal, world);
      const viewer = await portal.signIn(world.users.viewer.email);
      const list = (await viewer.get(`/accounts/${world.customer.id}/certificates?limit=1`)).json();
      expect(list.items[0]).toEqual(order.certificate);
      expect((await viewer.get(`/accounts/${world.customer.id}/certificates/${order.certificate.id}`)).json()).toEqual(order.certificate);
      const pdf = await viewer.get(`/accounts/${world.customer.id}/certificates/${order.certificate.id}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
      expect((await world.vendor.get(`/admin/certificates/${order.certificate.id}`)).json()).toEqual(order.certificate);
    });
  });

  describe('errors', () => {
    it('requires the term of a subscription line, naming lines.N.maintenance, and writes nothing', async () => {
      const before = await orderCount();
      const res = await world.vendor.post('/admin/orders', {
        accountId: world.customer.id,
        lines: [
          { productSku: PRODUCTS.server.sku, quantity: 1 },
          { productSku: PRODUCTS.archive.sku, quantity: 5 },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'lines.1.maintenance', message: expect.stringContaining('subscription') }] });
      expect(await orderCount()).toBe(before);
    });

    it('names every fault at once: account, partner, SKU, dates, quantity', async () => {
      const res = await world.vendor.post('/admin/orders', {
        accountId: world.partner.id,
        partnerAccountId: world.customer.id,
        lines: [
          { productSku: 'NOPE', quantity: 1 },
          { productSku: PRODUCTS.server.sku, quantity: 1, maintenance: { startsAt: '2027-01-10', endsAt: '2027-01-01' } },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['accountId', 'partnerAccountId', 'lines.0.productSku', 'lines.1.maintenance.endsAt']);
      const shape = await world.vendor.post('/admin/orders', { accountId: world.customer.id, lines: [{ productSku: PRODUCTS.server.sku, quantity: 0, maintenance: { startsAt: '2027-13-01', endsAt: 'soon' } }] });
      expect(shape.statusCode).toBe(400);
      expect(shape.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['lines.0.quantity', 'lines.0.maintenance.startsAt', 'lines.0.maintenance.endsAt']));
      expect((await world.vendor.post('/admin/orders', { accountId: world.customer.id, lines: [] })).statusCode).toBe(400);
    });

    it('records an order reference once (409 the second time)', async () => {
      const order = { accountId: world.customer.id, reference: 'PO-7', lines: [{ productSku: PRODUCTS.server.sku, quantity: 1 }] };
      expect((await world.vendor.post('/admin/orders', order)).statusCode).toBe(201);
      const again = await world.vendor.post('/admin/orders', order);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('conflict');
    });

    it('answers 404 for an unknown certificate', async () => {
      expect((await world.vendor.get('/admin/certificates/crt_nope')).statusCode).toBe(404);
      expect((await world.vendor.get('/admin/certificates/crt_nope.pdf')).statusCode).toBe(404);
    });
  });

  describe('security', () => {
    const order = () => ({ accountId: world.customer.id, lines: [{ productSku: PRODUCTS.server.sku, quantity: 1 }] });

    it('lets only vendor admins record orders and imports; support reads', async () => {
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.post('/admin/orders', order())).statusCode).toBe(403);
      expect((await support.request('POST', '/admin/orders/import', 'reference\n', { 'content-type': 'text/csv' })).statusCode).toBe(403);
      expect((await support.get('/admin/orders')).statusCode).toBe(200);
      for (const email of [world.users.admin.email, world.users.member.email, world.users.partnerUser.email]) {
        const client = await portal.signIn(email);
        expect((await client.post('/admin/orders', order())).statusCode).toBe(404);
        expect((await client.get('/admin/orders')).statusCode).toBe(404);
        expect((await client.request('POST', '/admin/orders/import', 'reference\n', { 'content-type': 'text/csv' })).statusCode).toBe(404);
      }
      expect((await portal.anonymous().post('/admin/orders', order())).statusCode).toBe(401);
    });

    it("keeps an account's certificates from every other account, as if they did not exist", async () => {
      const { order: placed } = await orderEverything(portal, world);
      const id = placed.certificate.id;
      const stranger = await portal.signIn(world.users.stranger.email);
      for (const path of [`/accounts/${world.customer.id}/certificates`, `/accounts/${world.customer.id}/certificates/${id}`, `/accounts/${world.customer.id}/certificates/${id}.pdf`, `/admin/certificates/${id}.pdf`]) {
        expect((await stranger.get(path)).statusCode, path).toBe(404);
      }
      // the stranger's own account path does not reach it either
      expect((await stranger.get(`/accounts/${world.other.id}/certificates/${id}`)).statusCode).toBe(404);
      expect((await stranger.get(`/accounts/${world.other.id}/certificates/${id}.pdf`)).statusCode).toBe(404);
      expect((await portal.anonymous().get(`/accounts/${world.customer.id}/certificates/${id}.pdf`)).statusCode).toBe(401);
    });

    it('lets the delegated partner read the customer certificates', async () => {
      const partner = await portal.signIn(world.users.partnerUser.email);
      expect((await partner.get(`/accounts/${world.customer.id}/certificates`)).statusCode).toBe(200);
    });
  });
});
