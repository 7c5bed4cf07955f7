import type { Db } from '../../db/database.js';
import { escapeLike } from '../accounts/accounts.repository.js';

export type ContractStateFilter = 'active' | 'expiring' | 'expired' | 'renewed';

export interface ContractListOptions {
  accountId?: string | undefined;
  state?: ContractStateFilter | undefined;
  q?: string | undefined;
  /** The day states are computed for, and the last day of `expiring`. */
  today: string;
  expiringUntil: string;
  /** Keyset: `[ends_at, id]` of the last contract shown. */
  after?: [string, string] | undefined;
  limit: number;
}

const contractColumns = [
  'c.id',
  'c.serial_number',
  'c.account_id',
  'c.entitlement_id',
  'c.starts_at',
  'c.ends_at',
  'c.renewed_by_id',
  'c.registration_id',
  'p.sku',
  'p.name as product_name',
  'p.product_line',
  'p.version',
  'e.serial_number as entitlement_serial_number',
  'e.registration_id as entitlement_registration_id',
  'r.serial_number as renewed_by_serial_number',
] as const;

/** Reads and renewals of maintenance contracts; the orders' insert lives in contracts.repository.ts. */
export const maintenanceRepository = {
  list(db: Db, o: ContractListOptions) {
    let q = baseQuery(db);
    if (o.accountId) q = q.where('c.account_id', '=', o.accountId);
    if (o.state === 'renewed') q = q.where('c.renewed_by_id', 'is not', null);
    else if (o.state) {
      q = q.where('c.renewed_by_id', 'is', null);
      if (o.state === 'expired') q = q.where('c.ends_at', '<', o.today);
      if (o.state === 'expiring') q = q.where('c.ends_at', '>=', o.today).where('c.ends_at', '<=', o.expiringUntil);
      if (o.state === 'active') q = q.where('c.ends_at', '>', o.expiringUntil);
    }
    if (o.q) {
      const like = `%${escapeLike(o.q)}%`;
      q = q.where((eb) => eb.or([eb('c.serial_number', 'like', like.toUpperCase()), eb('p.name', 'like', like)]));
    }
    if (o.after) q = q.where((eb) => eb(eb.refTuple('c.ends_at', 'c.id'), '>', eb.tuple(o.after![0], o.after![1])));
    return q.orderBy('c.ends_at').orderBy('c.id').limit(o.limit).execute();
  },

  findBySerial(db: Db, serialNumber: string, accountId?: string) {
    let q = baseQuery(db).where('c.serial_number', '=', serialNumber);
    if (accountId) q = q.where('c.account_id', '=', accountId);
    return q.executeTakeFirst();
  },

  findBySerials(db: Db, serialNumbers: string[], accountId?: string) {
    if (serialNumbers.length === 0) return Promise.resolve([]);
    let q = baseQuery(db).where('c.serial_number', 'in', serialNumbers);
    if (accountId) q = q.where('c.account_id', '=', accountId);
    return q.execute();
  },

  /** The account's contracts for its calendar: not superseded, ending from `from` on. */
  listForCalendar(db: Db, accountId: string, from: string, limit: number) {
    return baseQuery(db)
      .where('c.account_id', '=', accountId)
      .where('c.renewed_by_id', 'is', null)
      .where('c.ends_at', '>=', from)
      .orderBy('c.ends_at')
      .orderBy('c.id')
      .limit(limit)
      .execute();
  },

  async activeLicenseIds(db: Db, accountId: string, entitlementIds: string[]): Promise<Map<string, string[]>> {
    const byEntitlement = new Map<string, string[]>();
    if (entitlementIds.length === 0) return byEntitlement;
    const rows = await db
      .selectFrom('licenses')
      .select(['id', 'entitlement_id'])
      .where('account_id', '=', accountId)
      .where('entitlement_id', 'in', entitlementIds)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    for (const r of rows) byEntitlement.set(r.entitlement_id!, [...(byEntitlement.get(r.entitlement_id!) ?? []), r.id]);
    return byEntitlement;
  },

  /**
   * Moves the end date later, in place, and sends the contract back to the reminder planner. The
   * database re-checks the end date it was read with, so two racing renewals cannot both apply.
   */
  async renew(tx: Db, id: string, fromEndsAt: string, toEndsAt: string, at: string): Promise<boolean> {
    const r = await tx
      .updateTable('maintenance_contracts')
      .set({ ends_at: toEndsAt, updated_at: at })
      .where('id', '=', id)
      .where('ends_at', '=', fromEndsAt)
      .where('renewed_by_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await tx.updateTable('reminder_plans').set({ ends_at: toEndsAt, next_reminder_on: null }).where('contract_id', '=', id).execute();
    return true;
  },

  /** Marks a contract superseded by a newer one; only once, whoever races. */
  async supersede(tx: Db, id: string, byId: string, at: string): Promise<boolean> {
    const r = await tx
      .updateTable('maintenance_contracts')
      .set({ renewed_by_id: byId, updated_at: at })
      .where('id', '=', id)
      .where('renewed_by_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await tx.updateTable('reminder_plans').set({ next_reminder_on: null }).where('contract_id', '=', id).execute();
    return true;
  },

  /** Links contacts given through the Renewal Assistant; only where the contract has none yet. */
  async setRegistration(tx: Db, accountId: string, ids: string[], registrationId: string): Promise<number> {
    if (ids.length === 0) return 0;
    const r = await tx
      .updateTable('maintenance_contracts')
      .set({ registration_id: registrationId })
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .where('registration_id', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** A schedule change: every contract of the account is planned again on the next pass. */
  async replanAccount(tx: Db, accountId: string): Promise<void> {
    await tx
      .updateTable('reminder_plans')
      .set({ next_reminder_on: null })
      .where('contract_id', 'in', (eb) => eb.selectFrom('maintenance_contracts').select('id').where('account_id', '=', accountId))
      .where('next_reminder_on', 'is not', null)
      .execute();
  },

  findRegistrations(db: Db, accountId: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('registrations').select(['id', 'technical_email']).where('account_id', '=', accountId).where('id', 'in', ids).execute();
  },
};

function baseQuery(db: Db) {
  return db
    .selectFrom('maintenance_contracts as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .leftJoin('entitlements as e', 'e.id', 'c.entitlement_id')
    .leftJoin('maintenance_contracts as r', 'r.id', 'c.renewed_by_id')
    .select(contractColumns);
}

export type ContractRow = Awaited<ReturnType<typeof maintenanceRepository.findBySerials>>[number];
