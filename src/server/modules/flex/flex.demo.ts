import type { DemoExtension } from '../../demo/extensions.js';
import { DEMO_PRODUCTS } from '../get-a-key/get-a-key.demo.js';

const DAY = 24 * 3600 * 1000;

/**
 * SPEC §15 for Enterprise Flexible: Acme's contract, in its term, with a pool per product and a
 * few draw-downs (and a return) already made, so the gauges, the ledger and the usage show.
 */
export const flexDemo: DemoExtension = async (container, ctx, accounts) => {
  const { flexContracts, drawDowns, clock } = container;
  const day = (offset: number) => new Date(clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
  const contract = await flexContracts.create(ctx, {
    accountId: accounts.acmeAccountId,
    startsAt: day(-60),
    endsAt: day(305),
    pool: [
      { productSku: DEMO_PRODUCTS.server23.sku, units: 20 },
      { productSku: DEMO_PRODUCTS.agent.sku, units: 10 },
      { productSku: DEMO_PRODUCTS.archive.sku, units: 100 },
    ],
  });
  const draw = async (productSku: string, quantity: number, hostId?: string) => {
    const outcome = await drawDowns.drawDown(ctx, accounts.acmeAccountId, contract.id, { productSku, quantity, ...(hostId ? { hostId } : {}) });
    if (!outcome.ok) throw new Error(`demo draw-down refused: ${outcome.message}`);
    return outcome.value;
  };
  await draw(DEMO_PRODUCTS.server23.sku, 4);
  const agent = await draw(DEMO_PRODUCTS.agent.sku, 3, 'ACME-APP-07');
  await draw(DEMO_PRODUCTS.archive.sku, 25);
  await drawDowns.returnUnits(ctx, accounts.acmeAccountId, contract.id, { licenseId: agent.license.id, quantity: 1 });
  return `Enterprise Flexible: Acme's contract ${contract.serialNumber} has units left to draw down`;
};
