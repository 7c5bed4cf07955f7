import type { Container } from '../container.js';
import { systemActor, type RequestContext } from '../modules/auth/actor.js';
import { accountsRepository } from '../modules/accounts/accounts.repository.js';
import { demoExtensions } from './extensions.js';

export const DEMO_PASSWORD = 'portal-demo';

export interface DemoAccounts {
  vendorAccountId: string;
  acmeAccountId: string;
  partnerAccountId: string;
  oemAccountId: string;
  users: { admin: string; alice: string; pat: string; olga: string };
}

export interface DemoSummary {
  accounts: DemoAccounts;
  users: { email: string; account: string; role: string }[];
  notes: string[];
}

/**
 * SPEC §15's demo: the vendor admin, Acme Corp with Alice, Channel Partner Ltd (delegated to
 * Acme) with Pat, and OEM Systems with Olga; each capability adds its part through `demoExtensions`.
 * Loading twice does nothing the second time.
 */
export async function loadDemoData(container: Container): Promise<DemoSummary | null> {
  const { store } = container;
  if (await accountsRepository.findUserByEmail(store.db, 'admin@vendor.test')) return null;
  const ctx: RequestContext = { actor: systemActor('demo'), ip: null };
  const vendor = (await accountsRepository.findVendorAccount(store.db))!;

  const acme = await container.accounts.insertAccountStandalone(ctx, { name: 'Acme Corp', kind: 'customer' });
  const partner = await container.accounts.insertAccountStandalone(ctx, { name: 'Channel Partner Ltd', kind: 'partner' });
  const oem = await container.accounts.insertAccountStandalone(ctx, { name: 'OEM Systems', kind: 'oem' });
  await store.transaction((tx) => container.delegations.record(tx, ctx, acme.id, partner.id, 'grant'));

  const user = (email: string, name: string, accountId: string, role: 'admin' | 'support') =>
    container.accounts.createUser(ctx, { email, name, password: DEMO_PASSWORD, memberships: [{ accountId, role }] });
  const admin = await user('admin@vendor.test', 'Vendor Admin', vendor.id, 'admin');
  const alice = await user('alice@acme.test', 'Alice Able', acme.id, 'admin');
  const pat = await user('pat@partner.test', 'Pat Partner', partner.id, 'admin');
  const olga = await user('olga@oem.test', 'Olga Oem', oem.id, 'admin');

  const accounts: DemoAccounts = {
    vendorAccountId: vendor.id,
    acmeAccountId: acme.id,
    partnerAccountId: partner.id,
    oemAccountId: oem.id,
    users: { admin: admin.id, alice: alice.id, pat: pat.id, olga: olga.id },
  };
  const notes: string[] = [];
  for (const extend of demoExtensions) {
    const note = await extend(container, ctx, accounts);
    if (note) notes.push(note);
  }
  return {
    accounts,
    notes,
    users: [
      { email: 'admin@vendor.test', account: container.config.vendorName, role: 'vendor admin' },
      { email: 'alice@acme.test', account: 'Acme Corp (customer)', role: 'admin' },
      { email: 'pat@partner.test', account: 'Channel Partner Ltd (partner, delegated to Acme)', role: 'admin' },
      { email: 'olga@oem.test', account: 'OEM Systems (oem)', role: 'admin' },
    ],
  };
}
