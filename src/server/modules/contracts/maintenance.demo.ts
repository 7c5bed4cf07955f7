import type { DemoExtension } from '../../demo/extensions.js';

/**
 * SPEC §15 for renewals: the reminder pass runs once over the demo's contracts, so Acme's
 * contract that ends within 90 days has its reminder (e-mail queued, alert, delivery log) at
 * first sign-in. Runs after the demo that records Acme's orders.
 */
export const maintenanceDemo: DemoExtension = async (container, ctx, accounts) => {
  const now = container.clock.now();
  await container.reminderPass.run(now);
  const expiring = await container.maintenanceContracts.list(ctx, accounts.acmeAccountId, { state: 'expiring', limit: 1 });
  const first = expiring.items[0];
  if (!first) return;
  return `Maintenance: Acme's contract ${first.serialNumber} ends ${first.endsAt} (${first.daysLeft} days left); its reminder is in Acme's alerts and delivery log`;
};
