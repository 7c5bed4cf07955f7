import type { Db } from '../../db/database.js';
import type { SigningKeysTable } from './signing.table.js';

export const signingRepository = {
  findActive(db: Db): Promise<SigningKeysTable | undefined> {
    return db.selectFrom('signing_keys').selectAll().where('state', '=', 'active').executeTakeFirst();
  },

  async activeKid(db: Db): Promise<string | undefined> {
    const row = await db.selectFrom('signing_keys').select('kid').where('state', '=', 'active').executeTakeFirst();
    return row?.kid;
  },

  /**
   * Inserts a key; false when the row was not written because another instance made its key
   * active first (the partial unique index on `state = 'active'` keeps one).
   */
  async insertKey(db: Db, row: SigningKeysTable): Promise<boolean> {
    const r = await db.insertInto('signing_keys').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  /** The active key becomes `previous`: it signs no more, and stays published. */
  async demoteActive(db: Db): Promise<string | undefined> {
    const row = await db.updateTable('signing_keys').set({ state: 'previous' }).where('state', '=', 'active').returning('kid').executeTakeFirst();
    return row?.kid;
  },

  /** The keys a verifier may need: the active one and every previous one not yet retired. */
  listPublished(db: Db): Promise<Pick<SigningKeysTable, 'kid' | 'public_jwk' | 'state'>[]> {
    return db
      .selectFrom('signing_keys')
      .select(['kid', 'public_jwk', 'state'])
      .where('state', 'in', ['active', 'previous'])
      .orderBy('created_at', 'desc')
      .execute();
  },
};
