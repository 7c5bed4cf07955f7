import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSerialNumber } from '../../src/domain/identifiers/index.js';
import { canonicalBytes, type JsonValue } from '../../src/domain/signing/index.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { createContract, FLEX_PRODUCTS, flexWorld, type FlexWorld } from './world.js';

describeEachDialect('Enterprise Flexible', (dialect) => {
  let portal: TestPortal;
  let world: FlexWorld;
  let member: Client;
  let contract: { id: string; serialNumber: string };
  const base = () => `/accounts/${world.customer.id}/flex-contracts/${contract.id}`;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    world = await flexWorld(portal);
    member = await portal.signIn(world.users.member.email);
    contract = await createContract(world.vendor, world.customer.id, [
      { productSku: FLEX_PRODUCTS.server.sku, units: 10 },
      { productSku: FLEX_PRODUCTS.agent.sku, units: 4 },
      { productSku: FLEX_PRODUCTS.archive.sku, units: 50 },
    ]);
  });
  afterAll(() => portal.close());

  const pool = async (sku: string) => {
    const c = (await member.get(base())).json();
    return c.pools.find((p: { productSku: string }) => p.productSku === sku) as { units: number; remaining: number };
  };

  describe('happy', () => {
    it('records a contract with an E serial and shows its pools to the account and the vendor', async () => {
      expect(parseSerialNumber(contract.serialNumber, { kinds: ['E'] })).toMatchObject({ ok: true, kind: 'E' });
      const list = (await member.get(`/accounts/${world.customer.id}/flex-contracts`)).json();
      expect(list.nextCursor).toBeNull();
      expect(list.items).toEqual([
        expect.objectContaining({
          id: contract.id,
          serialNumber: contract.serialNumber,
          state: 'active',
          startsAt: '2026-11-01',
          endsAt: '2027-10-31',
          pools: expect.arrayContaining([expect.objectContaining({ productSku: 'VB-23-SRV', units: 10, remaining: 10, nodeLocked: false, unit: 'server' })]),
        }),
      ]);
      const bySerial = await member.get(`/accounts/${world.customer.id}/flex-contracts/${contract.serialNumber.toLowerCase()}`);
      expect(bySerial.json().id).toBe(contract.id);
      const vendorList = (await world.vendor.get(`/admin/flex-contracts?accountId=${world.customer.id}`)).json();
      expect(vendorList.items.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    });

    it('draws down a signed license into the account and takes the units from the pool', async () => {
      const res = await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 3 });
      expect(res.statusCode, res.body).toBe(201);
      const drawn = res.json();
      expect(drawn).toMatchObject({ contractId: contract.id, productSku: 'VB-23-SRV', quantity: 3, remaining: 7 });
      expect(drawn.license).toMatchObject({ accountId: world.customer.id, productSku: 'VB-23-SRV', quantity: 3, source: 'draw_down', status: 'active', expiresAt: null, maintenanceEndsAt: '2027-10-31', hostId: null });
      await expectValidSignature(portal, drawn.license.file);
      expect((await member.get(`/accounts/${world.customer.id}/licenses/${drawn.license.id}`)).json()).toMatchObject({ id: drawn.license.id, quantity: 3 });
      expect(await pool('VB-23-SRV')).toMatchObject({ units: 10, remaining: 7 });
      const audit = (await world.vendor.get(`/admin/audit?action=flex.drawn_down&account=${world.customer.id}`)).json();
      expect(audit.items[0]).toMatchObject({ targetType: 'license', targetId: drawn.license.id, data: expect.objectContaining({ serialNumber: contract.serialNumber, quantity: 3 }) });
    });

    it('binds a node-locked product to the host ID and a subscription to the contract term', async () => {
      const agent = (await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-AGT', quantity: 1, hostId: 'host-aa-01' })).json();
      expect(agent.license).toMatchObject({ hostId: 'host-aa-01', nodeLocked: true });
      const archive = (await member.post(`${base()}/draw-downs`, { productSku: 'VCA-TB', quantity: 5 })).json();
      expect(archive.license).toMatchObject({ licenseModel: 'subscription', expiresAt: '2027-10-31' });
    });

    it('returns part of a license: retires it and keeps the rest under a new license', async () => {
      const drawn = (await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 4 })).json();
      expect(drawn.remaining).toBe(3);
      const res = await member.post(`${base()}/returns`, { licenseId: drawn.license.id, quantity: 3 });
      expect(res.statusCode, res.body).toBe(201);
      const returned = res.json();
      expect(returned).toMatchObject({ quantity: 3, remaining: 6, retiredLicenseId: drawn.license.id });
      expect(returned.license).toMatchObject({ quantity: 1, replacesLicenseId: drawn.license.id, status: 'active' });
      expect((await member.get(`/accounts/${world.customer.id}/licenses/${drawn.license.id}`)).json().status).toBe('retired');

      const whole = await member.post(`${base()}/returns`, { licenseId: returned.license.id, quantity: 1 });
      expect(whole.json()).toMatchObject({ remaining: 7, license: null });
      const again = await member.post(`${base()}/returns`, { licenseId: drawn.license.id, quantity: 1 });
      expect(again.statusCode).toBe(409);
      expect(await pool('VB-23-SRV')).toMatchObject({ remaining: 7 });
      const entries = (await member.get(`${base()}/ledger`)).json().items;
      const ofDraw = entries.filter((e: { licenseId: string }) => e.licenseId === drawn.license.id);
      expect(ofDraw.map((e: { kind: string; returnable: unknown }) => [e.kind, e.returnable]).sort()).toEqual([['draw_down', null], ['return', null]]);
      const stillHeld = entries.find((e: { kind: string; licenseId: string; productSku: string }) => e.kind === 'draw_down' && e.licenseId !== drawn.license.id && e.productSku === 'VB-23-SRV');
      expect(stillHeld.returnable).toMatchObject({ licenseId: stillHeld.licenseId, quantity: 3 });
    });

    it('reports usage per product and month, as JSON and as CSV', async () => {
      portal.clock.set('2026-12-02T10:00:00.000Z');
      await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 2 });
      const usage = (await member.get(`${base()}/usage`)).json();
      expect(usage).toMatchObject({ contractId: contract.id, serialNumber: contract.serialNumber, nextCursor: null });
      expect(usage.items).toEqual([
        { month: '2026-11', productSku: 'VB-23-AGT', productName: 'Vault Backup 23 Agent', drawn: 1, returned: 0, net: 1 },
        { month: '2026-11', productSku: 'VB-23-SRV', productName: 'Vault Backup 23 Server', drawn: 7, returned: 4, net: 3 },
        { month: '2026-11', productSku: 'VCA-TB', productName: 'Vault Cloud Archive', drawn: 5, returned: 0, net: 5 },
        { month: '2026-12', productSku: 'VB-23-SRV', productName: 'Vault Backup 23 Server', drawn: 2, returned: 0, net: 2 },
      ]);
      for (const path of [`${base()}/usage.csv`, `${base()}/usage?format=csv`]) {
        const csv = await member.get(path);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.headers['content-disposition']).toContain(`${contract.serialNumber}-usage.csv`);
        const lines = csv.body.trim().split('\r\n');
        expect(lines[0]).toBe('contract,month,product_sku,product_name,drawn,returned,net');
        expect(lines).toContain(`${contract.serialNumber},2026-12,VB-23-SRV,Vault Backup 23 Server,2,0,2`);
      }
      const ledger = (await member.get(`${base()}/ledger?limit=2`)).json();
      expect(ledger.items).toHaveLength(2);
      expect(ledger.items[0]).toMatchObject({ kind: 'draw_down', productSku: 'VB-23-SRV', quantity: 2, by: world.users.member.email });
      expect(ledger.nextCursor).not.toBeNull();
    });

    it('answers a retried draw-down with the same Idempotency-Key with the first answer, drawing once', async () => {
      const before = (await pool('VB-23-SRV')).remaining;
      const key = { 'idempotency-key': `draw-${dialect}-1` };
      const first = await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1 }, key);
      const again = await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1 }, key);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().license.id).toBe(first.json().license.id);
      expect((await pool('VB-23-SRV')).remaining).toBe(before - 1);
    });
  });

  describe('errors', () => {
    it('refuses a draw-down larger than the pool with 409 pool_exhausted, changing nothing', async () => {
      const before = await pool('VB-23-AGT');
      const res = await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-AGT', quantity: before.remaining + 1, hostId: 'h-1' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'pool_exhausted' });
      expect(res.json().error.message).toContain(`holds ${before.remaining} of 4 units`);
      expect(await pool('VB-23-AGT')).toEqual(before);
    });

    it('asks for the host ID of a node-locked product, and only of one, naming the field', async () => {
      const res = await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-AGT', quantity: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'hostId' })]);
      const extra = await member.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1, hostId: 'h-1' });
      expect(extra.json().error.details).toEqual([expect.objectContaining({ field: 'hostId', message: expect.stringContaining('not node-locked') })]);
    });

    it('names a product the contract has no pool of, and a license not drawn from it', async () => {
      const sku = await member.post(`${base()}/draw-downs`, { productSku: 'NOPE-1', quantity: 1 });
      expect(sku.json().error.details[0].field).toBe('productSku');
      const license = await member.post(`${base()}/returns`, { licenseId: 'lic_unknown', quantity: 1 });
      expect(license.statusCode).toBe(400);
      expect(license.json().error.details[0].field).toBe('licenseId');
    });

    it('refuses draw-downs before and after the term with 422 contract_not_active', async () => {
      const later = await createContract(world.vendor, world.customer.id, [{ productSku: 'VB-23-SRV', units: 5 }], { startsAt: '2026-12-03', endsAt: '2026-12-04' });
      const path = `/accounts/${world.customer.id}/flex-contracts/${later.id}/draw-downs`;
      const early = await member.post(path, { productSku: 'VB-23-SRV', quantity: 1 });
      expect(early.statusCode).toBe(422);
      expect(early.json().error).toMatchObject({ code: 'contract_not_active', message: expect.stringContaining('starts on 2026-12-03') });
      portal.clock.set('2026-12-04T23:59:00.000Z');
      expect((await member.post(path, { productSku: 'VB-23-SRV', quantity: 1 })).statusCode).toBe(201);
      portal.clock.set('2026-12-05T00:00:00.000Z');
      const late = await member.post(path, { productSku: 'VB-23-SRV', quantity: 1 });
      expect(late.json().error).toMatchObject({ code: 'contract_not_active', message: expect.stringContaining('ended on 2026-12-04') });
    });

    it('checks a new contract: its term, its account and each pool line', async () => {
      const post = (body: object) => world.vendor.post('/admin/flex-contracts', { accountId: world.customer.id, startsAt: '2026-01-01', endsAt: '2026-12-31', pool: [{ productSku: 'VB-23-SRV', units: 1 }], ...body });
      const fieldOf = async (body: object) => (await post(body)).json().error.details.map((d: { field: string }) => d.field);
      expect(await fieldOf({ endsAt: '2025-12-31' })).toEqual(['endsAt']);
      expect(await fieldOf({ accountId: world.oem.id })).toEqual(['accountId']);
      expect(await fieldOf({ pool: [{ productSku: 'VB-23-SRV', units: 1 }, { productSku: 'VB-23-SRV', units: 2 }] })).toEqual(['pool.1.productSku']);
      expect(await fieldOf({ pool: [{ productSku: 'NOPE-1', units: 1 }] })).toEqual(['pool.0.productSku']);
      expect(await fieldOf({ pool: [{ productSku: 'VB-23-SRV', units: 0 }] })).toEqual(['pool.0.units']);
    });

    it('draws another serial number when the first one is taken', async () => {
      const { FlexContractsService } = await import('../../src/server/modules/flex/flex-contracts.service.js');
      const serials = [contract.serialNumber, contract.serialNumber, 'E1234567890'];
      const { store, clock, audit } = portal.container;
      const service = new FlexContractsService({ store, clock, audit, newSerialNumber: () => serials.shift()! });
      const system = { actor: { kind: 'system' as const, label: 'test' }, ip: null };
      const created = await service.create(system, { accountId: world.customer.id, startsAt: '2026-01-01', endsAt: '2027-12-31', pool: [{ productSku: 'VB-23-SRV', units: 1 }] });
      expect(created.serialNumber).toBe('E1234567890');
    });
  });

  describe('security', () => {
    it('lets viewers read but not draw down, and hides the contract from other accounts', async () => {
      const viewer = await portal.signIn(world.users.viewer.email);
      expect((await viewer.get(base())).statusCode).toBe(200);
      expect((await viewer.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1 })).statusCode).toBe(403);
      expect((await viewer.post(`${base()}/returns`, { licenseId: 'x', quantity: 1 })).statusCode).toBe(403);
      const stranger = await portal.signIn(world.users.stranger.email);
      expect((await stranger.get(base())).statusCode).toBe(404);
      expect((await stranger.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1 })).statusCode).toBe(404);
      // Another account's contract under one's own account id: not found either.
      const own = `/accounts/${world.other.id}/flex-contracts/${contract.id}`;
      expect((await stranger.get(own)).statusCode).toBe(404);
      expect((await stranger.post(`${own}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1 })).statusCode).toBe(404);
      expect((await member.post('/admin/flex-contracts', { accountId: world.customer.id, startsAt: '2026-01-01', endsAt: '2026-12-31', pool: [] })).statusCode).toBe(404);
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.get('/admin/flex-contracts')).statusCode).toBe(200);
      expect((await support.post('/admin/flex-contracts', {})).statusCode).toBe(403);
    });

    it('lets a delegated partner draw down for its customer, recorded with both identities', async () => {
      const partner = await portal.signIn(world.users.partnerUser.email);
      const res = await partner.post(`${base()}/draw-downs`, { productSku: 'VB-23-SRV', quantity: 1 });
      expect(res.statusCode, res.body).toBe(201);
      const audit = (await world.vendor.get(`/admin/audit?action=flex.drawn_down&account=${world.customer.id}`)).json();
      expect(audit.items[0]).toMatchObject({ targetId: res.json().license.id, partnerAccountId: world.partner.id, actorEmail: world.users.partnerUser.email });
    });
  });
});

/** Verifies a license file against the published JWKS, as a product would. */
async function expectValidSignature(portal: TestPortal, file: { payload: JsonValue; kid: string; signature: string }) {
  const jwks = (await portal.anonymous().get('/signing-keys')).json() as { keys: { kid: string }[] };
  const jwk = jwks.keys.find((k) => k.kid === file.kid)!;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  expect(verify(null, canonicalBytes(file.payload), key, Buffer.from(file.signature, 'base64url'))).toBe(true);
}
