import type { Db } from '../../db/database.js';
import type { ActivationsTable } from './activation.table.js';

export const activationRepository = {
  /** The license's signed file, the base of every host-bound file made from it. */
  async licenseFile(db: Db, licenseId: string): Promise<string | undefined> {
    const row = await db.selectFrom('licenses').select('file').where('id', '=', licenseId).executeTakeFirst();
    return row?.file;
  },

  findLicenseInAccount(db: Db, accountId: string, licenseId: string) {
    return db.selectFrom('licenses').select(['id', 'license_key']).where('account_id', '=', accountId).where('id', '=', licenseId).executeTakeFirst();
  },

  findActivation(db: Db, licenseId: string, hostId: string): Promise<ActivationsTable | undefined> {
    return db.selectFrom('activations').selectAll().where('license_id', '=', licenseId).where('host_id', '=', hostId).executeTakeFirst();
  },

  findActivationWithKey(db: Db, id: string) {
    return db
      .selectFrom('activations')
      .innerJoin('licenses', 'licenses.id', 'activations.license_id')
      .selectAll('activations')
      .select('licenses.license_key')
      .where('activations.id', '=', id)
      .executeTakeFirst();
  },

  listActivations(db: Db, accountId: string, licenseId: string, opts: { after?: string | undefined; limit: number }) {
    let q = db.selectFrom('activations').selectAll().where('account_id', '=', accountId).where('license_id', '=', licenseId);
    if (opts.after) q = q.where('id', '>', opts.after);
    return q.orderBy('id').limit(opts.limit).execute();
  },

  /**
   * Takes a seat: the counter moves only while it is below the license's quantity (or always,
   * when `limited` is false). False when every seat is taken. The counter row is created on first use.
   */
  async takeSeat(db: Db, licenseId: string, limited: boolean): Promise<boolean> {
    await db.insertInto('activation_counts').values({ license_id: licenseId, active: 0 }).onConflict((oc) => oc.column('license_id').doNothing()).execute();
    let update = db.updateTable('activation_counts').set((eb) => ({ active: eb('active', '+', 1) })).where('license_id', '=', licenseId);
    if (limited) update = update.where(({ eb, selectFrom }) => eb('active', '<', selectFrom('licenses').select('quantity').where('licenses.id', '=', licenseId)));
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async freeSeat(db: Db, licenseId: string): Promise<void> {
    await db.updateTable('activation_counts').set((eb) => ({ active: eb('active', '-', 1) })).where('license_id', '=', licenseId).where('active', '>', 0).execute();
  },

  /** False when the host already holds an activation of the license (a concurrent twin got there first). */
  async insertActivation(db: Db, row: ActivationsTable): Promise<boolean> {
    const result = await db
      .insertInto('activations')
      .values(row)
      .onConflict((oc) => oc.columns(['license_id', 'host_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async deleteActivation(db: Db, id: string): Promise<ActivationsTable | undefined> {
    return db.deleteFrom('activations').where('id', '=', id).returningAll().executeTakeFirst();
  },

  async seatsInUse(db: Db, licenseId: string): Promise<number> {
    const row = await db.selectFrom('activation_counts').select('active').where('license_id', '=', licenseId).executeTakeFirst();
    return row?.active ?? 0;
  },
};
