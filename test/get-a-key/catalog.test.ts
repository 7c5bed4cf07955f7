import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, PRODUCTS, type World } from './setup.js';

describeEachDialect('catalog', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
  });
  afterAll(() => portal.close());

  describe('happy', () => {
    it('creates a product and lists it with every field', async () => {
      const res = await world.vendor.post('/admin/products', { sku: 'VB-22-SRV', name: 'Vault Backup 22 Server', productLine: 'Vault Backup', version: '22', edition: 'Standard', licenseModel: 'perpetual', unit: 'server' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ id: expect.stringMatching(/^prd_/), sku: 'VB-22-SRV' });
      const list = await world.vendor.get('/admin/products?q=22%20Server');
      expect(list.json().items).toEqual([
        expect.objectContaining({ sku: 'VB-22-SRV', edition: 'Standard', features: [], nodeLocked: false, rehostsPerYear: 0, licenseModel: 'perpetual', unit: 'server' }),
      ]);
    });

    it('pages through the catalog by SKU', async () => {
      const first = (await world.vendor.get('/admin/products?limit=2')).json();
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).toBe(first.items[1].sku);
      const second = (await world.vendor.get(`/admin/products?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second.items[0].sku > first.items[1].sku).toBe(true);
    });

    it('shows product names to any signed-in user', async () => {
      const viewer = await portal.signIn(world.users.viewer.email);
      const res = await viewer.get(`/products?q=${PRODUCTS.agent.sku}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([expect.objectContaining({ sku: PRODUCTS.agent.sku, name: PRODUCTS.agent.name, nodeLocked: true, rehostsPerYear: 2 })]);
    });
  });

  describe('errors', () => {
    it('refuses a SKU that exists with 409 and writes nothing', async () => {
      const res = await world.vendor.post('/admin/products', { ...PRODUCTS.server, name: 'Another name' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('conflict');
      const list = (await world.vendor.get(`/admin/products?q=${PRODUCTS.server.sku}`)).json();
      expect(list.items.map((p: { name: string }) => p.name)).toEqual([PRODUCTS.server.name]);
    });

    it('names each bad field', async () => {
      const res = await world.vendor.post('/admin/products', { sku: 'bad sku!', name: '', productLine: 'X', version: '1', licenseModel: 'lease', unit: 'cpu' });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['sku', 'name', 'licenseModel', 'unit']));
    });

    it('refuses re-hosts for a product that is not node-locked', async () => {
      const res = await world.vendor.post('/admin/products', { sku: 'X-1', name: 'X', productLine: 'X', version: '1', licenseModel: 'perpetual', unit: 'user', rehostsPerYear: 3 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'rehostsPerYear', message: expect.stringContaining('node-locked') }]);
    });
  });

  describe('security', () => {
    const product = { sku: 'SEC-1', name: 'S', productLine: 'S', version: '1', licenseModel: 'perpetual', unit: 'user' };

    it('lets only vendor admins create products', async () => {
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.post('/admin/products', product)).statusCode).toBe(403);
      expect((await support.get('/admin/products')).statusCode).toBe(200);
      for (const email of [world.users.admin.email, world.users.partnerUser.email]) {
        const client = await portal.signIn(email);
        expect((await client.post('/admin/products', product)).statusCode).toBe(404);
        expect((await client.get('/admin/products')).statusCode).toBe(404);
      }
    });

    it('answers 401 without a session', async () => {
      expect((await portal.anonymous().get('/products')).statusCode).toBe(401);
      expect((await portal.anonymous().get('/admin/products')).statusCode).toBe(401);
      expect((await portal.anonymous().post('/admin/products', product)).statusCode).toBe(401);
    });
  });
});
