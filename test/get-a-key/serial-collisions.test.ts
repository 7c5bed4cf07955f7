import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseSerialNumber } from '../../src/domain/identifiers/index.js';
import { catalogRepository } from '../../src/server/modules/catalog/catalog.repository.js';
import { insertOrderPlans, planOrder } from '../../src/server/modules/orders/order-plan.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, PRODUCTS, type World } from './setup.js';

describeEachDialect('serial numbers', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
  });
  afterAll(() => portal.close());

  it('draws again when a new serial collides with a stored one, for S and M serials alike', async () => {
    const { order } = await orderEverything(portal, world);
    const taken = order.certificate.lines[0]!;
    const { db } = portal.container.store;
    const product = (await catalogRepository.findProductBySku(db, PRODUCTS.server.sku))!;
    const plan = planOrder(
      { accountId: world.customer.id, partnerAccountId: null, reference: null, source: 'api', lines: [{ product, quantity: 1, maintenance: { startsAt: '2027-01-01', endsAt: '2027-12-31' }, keyOnCertificate: false }] },
      portal.clock.now(),
      { mailed: true },
    );
    // force both draws onto serials that exist already
    plan.entitlements[0]!.serial_number = taken.serialNumber;
    plan.contracts[0]!.serial_number = taken.maintenanceSerialNumber!;
    await portal.container.store.transaction((tx) => insertOrderPlans(tx, [plan]));

    const stored = await db.selectFrom('entitlements').select(['serial_number', 'order_id']).where('order_id', 'in', [order.id, plan.order.id]).execute();
    const mine = stored.find((e) => e.order_id === plan.order.id)!;
    expect(mine.serial_number).not.toBe(taken.serialNumber);
    expect(parseSerialNumber(mine.serial_number, { kinds: ['S'] }).ok).toBe(true);
    const contract = await db.selectFrom('maintenance_contracts').select('serial_number').where('entitlement_id', '=', plan.entitlements[0]!.id).executeTakeFirstOrThrow();
    expect(contract.serial_number).not.toBe(taken.maintenanceSerialNumber);
    expect(parseSerialNumber(contract.serial_number, { kinds: ['M'] }).ok).toBe(true);
    // the first order's serials are untouched
    expect(stored.find((e) => e.order_id === order.id && e.serial_number === taken.serialNumber)).toBeDefined();
  });
});
