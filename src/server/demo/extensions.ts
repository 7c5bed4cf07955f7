import type { Container } from '../container.js';
import type { RequestContext } from '../modules/auth/actor.js';
import type { DemoAccounts } from './demo-data.js';
import { signInDemo } from '../modules/two-factor/sign-in.demo.js';
import { getAKeyDemo } from '../modules/get-a-key/get-a-key.demo.js';
import { downloadsDemo } from '../modules/downloads/downloads.demo.js';
import { upgradesDemo } from '../modules/upgrades/upgrades.demo.js';
import { maintenanceDemo } from '../modules/contracts/maintenance.demo.js';
import { flexDemo } from '../modules/flex/flex.demo.js';
import { vouchersDemo } from '../modules/vouchers/vouchers.demo.js';
import { licenseManagementDemo } from '../modules/license-management/license-management.demo.js';

/** Adds one capability's demo data; may return a line to print at start. */
export type DemoExtension = (container: Container, ctx: RequestContext, accounts: DemoAccounts) => Promise<string | void>;

/** Each capability appends its demo data here, in the order they build on each other. */
export const demoExtensions: DemoExtension[] = [
  // First: the catalog, Acme's certificates and licenses that the other demos build on.
  getAKeyDemo,
  // After Get a Key, whose registered Vault Backup 22 licenses it notifies Acme to upgrade.
  upgradesDemo,
  // After the orders: reminders for Acme's contract that ends within 90 days.
  maintenanceDemo,
  // After the demos that issue Acme's licenses: it publishes a release of a product Acme holds.
  downloadsDemo,
  // After the catalog: Acme's Enterprise Flexible contract, and OEM Systems' voucher batch.
  flexDemo,
  vouchersDemo,
  // After every demo that issues licenses: Acme's custom fields and values, a share, a saved view.
  licenseManagementDemo,
  // Last: only a note on how the vendor admin signs in the first time.
  signInDemo,
];
