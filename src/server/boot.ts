import type { Container } from './container.js';
import { migrateToLatest } from './db/migrate.js';
import { newId } from './platform/ids.js';
import { accountsRepository } from './modules/accounts/accounts.repository.js';
import { loadDemoData, type DemoSummary } from './demo/demo-data.js';

export interface Prepared {
  migrationsApplied: string[];
  isNewDatabase: boolean;
  demo: DemoSummary | null;
}

/**
 * Makes a database ready to serve: schema up to date, the one vendor account present, and on a
 * new embedded database (or with PORTAL_DEMO=1) the demo data of SPEC §15.
 */
export async function prepare(container: Container): Promise<Prepared> {
  const applied = await migrateToLatest(container.store.db);
  const isNewDatabase = applied.includes('0001_foundation');
  await ensureVendorAccount(container);
  // The first start makes the signing key; racing instances end up with one (a unique index).
  await container.signingKeys.ensureActive();
  const wantDemo = container.config.demo ?? (isNewDatabase && container.store.dialect === 'sqlite');
  const demo = wantDemo ? await loadDemoData(container) : null;
  return { migrationsApplied: applied, isNewDatabase, demo };
}

async function ensureVendorAccount(container: Container): Promise<void> {
  const { db } = container.store;
  if (await accountsRepository.findVendorAccount(db)) return;
  const now = container.clock.now();
  await accountsRepository
    .insertAccount(db, { id: newId('account', now), name: container.config.vendorName, kind: 'vendor', created_at: now.toISOString() })
    .catch(async (error: unknown) => {
      // Another instance created it at the same moment: the unique index kept it to one.
      if (!(await accountsRepository.findVendorAccount(db))) throw error;
    });
}
