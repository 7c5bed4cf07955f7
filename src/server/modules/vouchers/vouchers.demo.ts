import type { DemoExtension } from '../../demo/extensions.js';
import { DEMO_PRODUCTS } from '../get-a-key/get-a-key.demo.js';

const DAY = 24 * 3600 * 1000;

/** SPEC §15 for the Voucher Center: OEM Systems holds a batch, one voucher already converted. */
export const vouchersDemo: DemoExtension = async (container, ctx, accounts) => {
  const { voucherBatches, redemptions, clock } = container;
  const expiresAt = new Date(clock.now().getTime() + 180 * DAY).toISOString().slice(0, 10);
  const batch = await voucherBatches.create(ctx, { oemAccountId: accounts.oemAccountId, productSku: DEMO_PRODUCTS.server23.sku, count: 12, expiresAt });
  const outcome = await redemptions.redeem(ctx, accounts.oemAccountId, {
    code: batch.vouchers[0]!,
    endCustomer: { name: 'Bakery Brothers', contact: { name: 'Bea Baker', email: 'bea@bakery.test' } },
  });
  if (!outcome.ok) throw new Error(`demo redemption refused: ${outcome.message}`);
  return `Voucher Center: OEM Systems holds ${batch.vouchers.length} vouchers (try ${batch.vouchers[1]})`;
};
