import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVoucherCode, parseVoucherCode } from '../../src/domain/identifiers/index.js';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import { VoucherBatchesService } from '../../src/server/modules/vouchers/voucher-batches.service.js';
import { pdfText } from '../get-a-key/pdf-text.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { flexWorld, type FlexWorld } from '../flex/world.js';

const END_CUSTOMER = { name: 'Bakery Brothers', contact: { name: 'Bea Baker', email: 'bea@bakery.test' } };

describeEachDialect('Voucher Center', (dialect) => {
  let portal: TestPortal;
  let world: FlexWorld;
  let olga: Client;
  let batch: { id: string; vouchers: string[] };
  const redeemPath = () => `/accounts/${world.oem.id}/vouchers/redeem`;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    world = await flexWorld(portal);
    olga = await portal.signIn(world.users.oemMember.email);
    batch = await createBatch(world.vendor, world.oem.id, 'VB-23-SRV', 6, '2026-12-31');
  });
  afterAll(() => portal.close());

  const outbox = () => portal.container.store.db.selectFrom('outbox').select(['to_address', 'subject', 'kind']).execute();

  describe('happy', () => {
    it('makes a batch of unguessable, check-charactered, distinct codes for the OEM', async () => {
      expect(batch.vouchers).toHaveLength(6);
      expect(new Set(batch.vouchers).size).toBe(6);
      for (const code of batch.vouchers) expect(parseVoucherCode(code)).toEqual({ ok: true, value: code });
      const batches = (await olga.get(`/accounts/${world.oem.id}/voucher-batches`)).json();
      expect(batches.items).toEqual([expect.objectContaining({ id: batch.id, productSku: 'VB-23-SRV', count: 6, expiresAt: '2026-12-31', counts: { available: 6, redeemed: 0, expired: 0, void: 0 } })]);
      const available = (await olga.get(`/accounts/${world.oem.id}/vouchers?state=available`)).json();
      expect(available.items.map((v: { code: string }) => v.code).sort()).toEqual([...batch.vouchers].sort());
    });

    it('redeems a voucher typed loosely into a license for a new end customer, invited by e-mail', async () => {
      const typed = batch.vouchers[0]!.toLowerCase().replaceAll('-', ' ');
      const res = await olga.post(redeemPath(), { code: typed, endCustomer: END_CUSTOMER });
      expect(res.statusCode, res.body).toBe(201);
      const { voucher, endCustomer, license } = res.json();
      expect(endCustomer).toMatchObject({ name: 'Bakery Brothers', created: true });
      expect(license).toMatchObject({ accountId: endCustomer.accountId, productSku: 'VB-23-SRV', quantity: 1, source: 'voucher', status: 'active' });
      expect(voucher).toMatchObject({ code: batch.vouchers[0], state: 'redeemed', licenseId: license.id, licenseKey: license.licenseKey, endCustomer: { accountId: endCustomer.accountId, name: 'Bakery Brothers' }, redeemedBy: world.users.oemMember.email });

      const held = await world.vendor.get(`/accounts/${endCustomer.accountId}/licenses/${license.id}`);
      expect(held.json()).toMatchObject({ id: license.id, accountId: endCustomer.accountId });
      const mails = (await outbox()).filter((m) => m.to_address === 'bea@bakery.test');
      expect(mails.map((m) => m.kind).sort()).toEqual(['invitation', 'license-key']);

      const conversions = (await olga.get(`/accounts/${world.oem.id}/vouchers?state=redeemed`)).json();
      expect(conversions.items).toEqual([expect.objectContaining({ code: batch.vouchers[0], endCustomer: { accountId: endCustomer.accountId, name: 'Bakery Brothers' } })]);
      const audit = (await world.vendor.get(`/admin/audit?action=voucher.redeemed&account=${world.oem.id}`)).json();
      expect(audit.items[0]).toMatchObject({ targetType: 'license', targetId: license.id });
    });

    it('redeems the next voucher for the same end customer, picked from the OEM’s end customers', async () => {
      const customers = (await olga.get(`/accounts/${world.oem.id}/voucher-end-customers`)).json();
      expect(customers.items).toEqual([expect.objectContaining({ name: 'Bakery Brothers', conversions: 1 })]);
      const res = await olga.post(redeemPath(), { code: batch.vouchers[1], endCustomer: { accountId: customers.items[0].accountId } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().endCustomer).toEqual({ accountId: customers.items[0].accountId, name: 'Bakery Brothers', created: false });
      expect((await olga.get(`/accounts/${world.oem.id}/voucher-end-customers`)).json().items[0].conversions).toBe(2);
    });

    it('answers a retried redemption with the same Idempotency-Key with the first answer, converting once', async () => {
      const key = { 'idempotency-key': `redeem-${dialect}` };
      const body = { code: batch.vouchers[2], endCustomer: { name: 'Retry Co', contact: { name: 'Rita', email: 'rita@retry.test' } } };
      const first = await olga.post(redeemPath(), body, key);
      const again = await olga.post(redeemPath(), body, key);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().license.id).toBe(first.json().license.id);
      const accounts = (await world.vendor.get('/admin/accounts?q=Retry%20Co')).json();
      expect(accounts.items).toHaveLength(1);
    });

    it('prints the batch sheet as a PDF and exports it as CSV for the OEM', async () => {
      const pdf = await olga.get(`/accounts/${world.oem.id}/voucher-batches/${batch.id}.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = pdfText(pdf.rawPayload);
      for (const code of batch.vouchers) expect(text).toContain(code);
      expect(text).toContain('Vault Backup 23 Server');
      const csv = await olga.get(`/accounts/${world.oem.id}/voucher-batches/${batch.id}.csv`);
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toBe('code,state,expires_at,redeemed_at,redeemed_by,end_customer,license_key');
      expect(lines).toHaveLength(7);
      expect(lines.find((l) => l.startsWith(batch.vouchers[0]!))).toContain(',redeemed,2026-12-31,');
      expect((await world.vendor.get(`/admin/voucher-batches/${batch.id}.csv`)).statusCode).toBe(200);
    });
  });

  describe('errors', () => {
    it('tells a typo as a typo naming `code`, before looking anything up', async () => {
      const code = batch.vouchers[3]!;
      const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
      const res = await olga.post(redeemPath(), { code: typo, endCustomer: END_CUSTOMER });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'code' })] });
    });

    it('answers another OEM’s voucher exactly like an unknown one', async () => {
      const theirs = await createBatch(world.vendor, world.otherOem.id, 'VB-23-SRV', 1, '2026-12-31');
      const foreign = await olga.post(redeemPath(), { code: theirs.vouchers[0], endCustomer: END_CUSTOMER });
      const unknown = await olga.post(redeemPath(), { code: generateVoucherCode(), endCustomer: END_CUSTOMER });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(unknown.json());
    });

    it('refuses a second redemption with 409 and an expired or void voucher with 422', async () => {
      const again = await olga.post(redeemPath(), { code: batch.vouchers[0], endCustomer: END_CUSTOMER });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('voucher_already_redeemed');

      const voided = await world.vendor.post(`/admin/vouchers/${batch.vouchers[3]}/void`);
      expect(voided.json()).toMatchObject({ state: 'void' });
      expect((await world.vendor.post(`/admin/vouchers/${batch.vouchers[0]}/void`)).json().error.code).toBe('voucher_already_redeemed');
      const onVoid = await olga.post(redeemPath(), { code: batch.vouchers[3], endCustomer: END_CUSTOMER });
      expect(onVoid.statusCode).toBe(422);
      expect(onVoid.json().error).toMatchObject({ code: 'voucher_not_redeemable', message: expect.stringContaining('void') });

      const short = await createBatch(world.vendor, world.oem.id, 'VB-23-SRV', 2, '2026-11-30');
      portal.clock.set('2026-12-01T00:00:00.000Z');
      const expired = await olga.post(redeemPath(), { code: short.vouchers[0], endCustomer: END_CUSTOMER });
      expect(expired.json().error).toMatchObject({ code: 'voucher_not_redeemable', message: expect.stringContaining('expired') });
      const states = (await olga.get(`/accounts/${world.oem.id}/vouchers?state=expired`)).json().items;
      expect(states.map((v: { code: string }) => v.code).sort()).toEqual([...short.vouchers].sort());
    });

    it('voids what is left of a batch and keeps what was redeemed', async () => {
      const res = await world.vendor.post(`/admin/voucher-batches/${batch.id}/void`);
      expect(res.json()).toMatchObject({ id: batch.id, voided: 2 });
      const counts = (await olga.get(`/accounts/${world.oem.id}/voucher-batches/${batch.id}`)).json().counts;
      expect(counts).toEqual({ available: 0, redeemed: 3, expired: 0, void: 3 });
    });

    it('checks a new batch, the end customer named, and the host ID of a node-locked product', async () => {
      const post = (body: object) => world.vendor.post('/admin/voucher-batches', { oemAccountId: world.oem.id, productSku: 'VB-23-SRV', count: 1, expiresAt: '2027-06-30', ...body });
      const fieldOf = async (body: object) => (await post(body)).json().error.details.map((d: { field: string }) => d.field);
      expect(await fieldOf({ oemAccountId: world.customer.id })).toEqual(['oemAccountId']);
      expect(await fieldOf({ productSku: 'NOPE-1' })).toEqual(['productSku']);
      expect(await fieldOf({ expiresAt: '2026-01-01' })).toEqual(['expiresAt']);
      expect(await fieldOf({ count: 0 })).toEqual(['count']);

      const agents = await createBatch(world.vendor, world.oem.id, 'VB-23-AGT', 2, '2027-06-30');
      const noHost = await olga.post(redeemPath(), { code: agents.vouchers[0], endCustomer: END_CUSTOMER });
      expect(noHost.json().error.details).toEqual([expect.objectContaining({ field: 'hostId' })]);
      const withHost = await olga.post(redeemPath(), { code: agents.vouchers[0], endCustomer: END_CUSTOMER, hostId: 'bakery-01' });
      expect(withHost.json().license).toMatchObject({ hostId: 'bakery-01' });

      const stranger = await olga.post(redeemPath(), { code: agents.vouchers[1], endCustomer: { accountId: world.other.id } });
      expect(stranger.json().error.details).toEqual([expect.objectContaining({ field: 'endCustomer.accountId' })]);
      expect((await olga.get(`/accounts/${world.oem.id}/vouchers?state=available&batchId=${agents.id}`)).json().items).toHaveLength(1);
    });

    it('draws another code when a drawn one is taken', async () => {
      const { store, clock, audit } = portal.container;
      const codes = [batch.vouchers[0]!, generateVoucherCode(), generateVoucherCode()];
      const service = new VoucherBatchesService({ store, clock, audit, vendorName: 'Test', newVoucherCode: () => codes.shift() ?? generateVoucherCode() });
      const created = await service.create({ actor: systemActor('test'), ip: null }, { oemAccountId: world.oem.id, productSku: 'VB-23-SRV', count: 2, expiresAt: '2027-06-30' });
      expect(created.vouchers).toHaveLength(2);
      expect(created.vouchers).not.toContain(batch.vouchers[0]);
    });
  });

  describe('security', () => {
    it('lets OEM viewers read but not redeem, and hides vouchers and batches from other accounts', async () => {
      const viewer = await portal.signIn(world.users.oemViewer.email);
      expect((await viewer.get(`/accounts/${world.oem.id}/vouchers`)).statusCode).toBe(200);
      expect((await viewer.post(redeemPath(), { code: batch.vouchers[5], endCustomer: END_CUSTOMER })).statusCode).toBe(403);
      const other = await portal.signIn(world.users.otherOemAdmin.email);
      expect((await other.get(`/accounts/${world.oem.id}/vouchers`)).statusCode).toBe(404);
      expect((await other.get(`/accounts/${world.otherOem.id}/voucher-batches/${batch.id}`)).statusCode).toBe(404);
      expect((await other.get(`/accounts/${world.otherOem.id}/voucher-batches/${batch.id}.pdf`)).statusCode).toBe(404);
      expect((await olga.post('/admin/voucher-batches', { oemAccountId: world.oem.id, productSku: 'VB-23-SRV', count: 1, expiresAt: '2027-06-30' })).statusCode).toBe(404);
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.get('/admin/voucher-batches')).statusCode).toBe(200);
      expect((await support.post(`/admin/voucher-batches/${batch.id}/void`)).statusCode).toBe(403);
    });

    it('limits failed redemptions per user and per address', async () => {
      const guesser = await portal.signIn(world.users.oemAdmin.email);
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) statuses.push((await guesser.post(redeemPath(), { code: generateVoucherCode(), endCustomer: END_CUSTOMER })).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    });
  });
});

async function createBatch(vendor: Client, oemAccountId: string, productSku: string, count: number, expiresAt: string) {
  const res = await vendor.post('/admin/voucher-batches', { oemAccountId, productSku, count, expiresAt });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; vouchers: string[] };
}
