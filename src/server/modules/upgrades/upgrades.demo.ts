import type { DemoExtension } from '../../demo/extensions.js';
import { DEMO_PRODUCTS } from '../get-a-key/get-a-key.demo.js';

/**
 * SPEC §15 for Version Upgrade: an open upgrade notification for Acme. Version 23 of Vault Backup
 * Server is out, and Acme's 22 licenses (registered by the Get a Key demo) are under maintenance.
 */
export const upgradesDemo: DemoExtension = async (container, ctx, accounts) => {
  const run = await container.upgradeCampaigns.publish(ctx, { fromSkus: [DEMO_PRODUCTS.server22.sku], toSku: DEMO_PRODUCTS.server23.sku });
  const acme = run.notifications.find((n) => n.accountId === accounts.acmeAccountId);
  if (!acme) return;
  return `Version Upgrade: Acme's notification ID ${acme.notificationId} upgrades its ${DEMO_PRODUCTS.server22.name} licenses to ${DEMO_PRODUCTS.server23.sku}`;
};
