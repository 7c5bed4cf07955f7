import { systemActor } from '../../src/server/modules/auth/actor.js';
import { newId } from '../../src/server/platform/ids.js';
import { contractsRepository } from '../../src/server/modules/contracts/contracts.repository.js';
import type { Container } from '../../src/server/container.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export interface ProductSpec {
  line?: string;
  version?: string;
  unit?: 'server' | 'socket' | 'TB' | 'user';
  nodeLocked?: boolean;
  licenseModel?: 'perpetual' | 'subscription';
}

export interface LicenseSpec {
  quantity?: number;
  hostId?: string | null;
  status?: 'active' | 'revoked' | 'retired';
  /** The last valid day, YYYY-MM-DD. */
  expiresAt?: string | null;
  /** A term that starts later. */
  notBefore?: Date;
  maintenanceEndsAt?: string | null;
}

/**
 * Catalog rows, licenses and maintenance contracts written straight into the tables, so the
 * download and activation tests state exactly the holdings they reason about.
 */
export function holdings(portal: { container: Container }) {
  const db = portal.container.store.db;
  const now = () => portal.container.clock.now().toISOString();
  return {
    async product(spec: ProductSpec = {}) {
      const sku = `SKU-${unique()}`;
      const id = newId('product');
      await db
        .insertInto('products')
        .values({
          id,
          sku,
          name: `${spec.line ?? 'Vault Backup'} ${spec.version ?? '22'}`,
          product_line: spec.line ?? `Line ${sku}`,
          version: spec.version ?? '22',
          edition: null,
          license_model: spec.licenseModel ?? 'perpetual',
          unit: spec.unit ?? 'server',
          features: JSON.stringify(['backup', 'restore']),
          node_locked: spec.nodeLocked ? 1 : 0,
          rehosts_per_year: 0,
          created_at: now(),
        })
        .execute();
      return { id, sku };
    },

    /** A license issued with a real signed file; the spec's state is then written over it. */
    async license(accountId: string, productId: string, spec: LicenseSpec = {}) {
      const product = await db.selectFrom('products').selectAll().where('id', '=', productId).executeTakeFirstOrThrow();
      const issued = await portal.container.store.transaction((tx) =>
        portal.container.licenseIssuer.issue(tx, { actor: systemActor('test'), ip: null }, {
          accountId,
          product,
          quantity: spec.quantity ?? 1,
          hostId: spec.hostId ?? null,
          notBefore: spec.notBefore ?? null,
          expiresAt: spec.expiresAt ?? null,
          maintenanceEndsAt: spec.maintenanceEndsAt ?? null,
          source: 'get_a_key',
          sourceRef: null,
          entitlementId: null,
          registrationId: null,
        }),
      );
      if (spec.status && spec.status !== 'active') {
        await db.updateTable('licenses').set({ status: spec.status, revoked_at: now() }).where('id', '=', issued.id).execute();
      }
      return { id: issued.id, licenseKey: issued.licenseKey };
    },

    async maintenance(accountId: string, productId: string, startsAt: string, endsAt: string) {
      const id = newId('maintenanceContract');
      await contractsRepository.insertMaintenanceContracts(db, [
        {
          id,
          serial_number: `M${Math.floor(Math.random() * 1e10).toString().padStart(10, '0')}`,
          account_id: accountId,
          entitlement_id: null,
          product_id: productId,
          starts_at: startsAt,
          ends_at: endsAt,
          renewed_by_id: null,
          created_at: now(),
          updated_at: now(),
        },
      ]);
      return { id };
    },
  };
}
