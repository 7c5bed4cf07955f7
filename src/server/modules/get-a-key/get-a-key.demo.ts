import type { TProductCreate } from '../../../contracts/catalog.js';
import type { TRegistration } from '../../../contracts/get-a-key.js';
import type { DemoExtension } from '../../demo/extensions.js';

/** The demo catalog (invented names): other capabilities' demos refer to these SKUs. */
export const DEMO_PRODUCTS = {
  server22: { sku: 'VB-22-SRV', name: 'Vault Backup 22 Server', productLine: 'Vault Backup', version: '22', licenseModel: 'perpetual', unit: 'server', features: ['dedup', 'encryption'] },
  server23: { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'server', features: ['dedup', 'encryption', 'immutable-snapshots'] },
  agent: { sku: 'VB-23-AGT', name: 'Vault Backup Agent', productLine: 'Vault Backup Agent', version: '23', licenseModel: 'perpetual', unit: 'socket', nodeLocked: true, rehostsPerYear: 2 },
  archive: { sku: 'VCA-TB', name: 'Vault Cloud Archive', productLine: 'Vault Cloud Archive', version: '1', licenseModel: 'subscription', unit: 'TB', features: ['geo-redundant'] },
} satisfies Record<string, TProductCreate>;

const ACME_REGISTRATION: TRegistration = {
  customerContact: { organization: 'Acme Corp', address: '100 Industrial Way, Springfield', country: 'US' },
  technicalContact: { name: 'Alice Able', email: 'alice@acme.test', phone: '+1 555 0100' },
};

const DAY = 24 * 3600 * 1000;

/**
 * SPEC §15 for Get a Key: the catalog; Acme's certificate sold through Channel Partner Ltd with
 * serials still to register; one registered license per product kind (perpetual, node-locked,
 * subscription); and a maintenance contract ending within 90 days of today.
 */
export const getAKeyDemo: DemoExtension = async (container, ctx, accounts) => {
  const { catalog, orders, getAKey, clock } = container;
  for (const product of Object.values(DEMO_PRODUCTS)) await catalog.createProduct(ctx, product);
  const day = (offset: number) => new Date(clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
  const year = { startsAt: day(0), endsAt: day(365) };

  const open = await orders.createOrder(ctx, {
    accountId: accounts.acmeAccountId,
    partnerAccountId: accounts.partnerAccountId,
    reference: 'DEMO-ACME-1001',
    lines: [
      { productSku: DEMO_PRODUCTS.server23.sku, quantity: 2, maintenance: year },
      { productSku: DEMO_PRODUCTS.agent.sku, quantity: 8, maintenance: year },
      { productSku: DEMO_PRODUCTS.archive.sku, quantity: 10, maintenance: year, keyOnCertificate: true },
    ],
  });

  const held = await orders.createOrder(ctx, {
    accountId: accounts.acmeAccountId,
    reference: 'DEMO-ACME-0917',
    lines: [
      // bought last winter: its maintenance ends within 90 days (renewal reminders)
      { productSku: DEMO_PRODUCTS.server22.sku, quantity: 3, maintenance: { startsAt: day(-320), endsAt: day(45) } },
      { productSku: DEMO_PRODUCTS.agent.sku, quantity: 2, maintenance: { startsAt: day(-30), endsAt: day(335) } },
      { productSku: DEMO_PRODUCTS.archive.sku, quantity: 5, maintenance: { startsAt: day(-30), endsAt: day(335) } },
    ],
  });
  const [server, agent, archive] = held.certificate.lines;
  await getAKey.register(ctx, accounts.acmeAccountId, { serialNumber: server!.serialNumber, registration: ACME_REGISTRATION });
  await getAKey.register(ctx, accounts.acmeAccountId, { serialNumber: agent!.serialNumber, registration: ACME_REGISTRATION, hostId: 'ACME-DB-01' });
  await getAKey.register(ctx, accounts.acmeAccountId, { serialNumber: archive!.serialNumber, registration: ACME_REGISTRATION });

  const serials = open.certificate.lines.map((l) => l.serialNumber).join(', ');
  return `Get a Key: Acme's certificate ${open.certificate.id} has serials to register (${serials}); ${server!.maintenanceSerialNumber} ends ${server!.maintenanceEndsAt}`;
};
