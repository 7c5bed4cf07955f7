import type { Db } from '../../db/database.js';
import type { IdempotencyKeysTable } from './idempotency.table.js';

export type IdempotencyId = Pick<IdempotencyKeysTable, 'scope' | 'key' | 'method' | 'path'>;

const whereId = (id: IdempotencyId) => (db: Db) =>
  db.selectFrom('idempotency_keys').selectAll().where('scope', '=', id.scope).where('key', '=', id.key).where('method', '=', id.method).where('path', '=', id.path);

export const idempotencyRepository = {
  /** Claims the key for a first request; false when a row exists (a retry, or a reuse). */
  async claim(db: Db, row: IdempotencyKeysTable): Promise<boolean> {
    const r = await db
      .insertInto('idempotency_keys')
      .values(row)
      .onConflict((oc) => oc.columns(['scope', 'key', 'method', 'path']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  find(db: Db, id: IdempotencyId): Promise<IdempotencyKeysTable | undefined> {
    return whereId(id)(db).executeTakeFirst();
  },

  async complete(db: Db, id: IdempotencyId, status: number, body: string, type: string | null): Promise<void> {
    await db
      .updateTable('idempotency_keys')
      .set({ state: 'done', response_status: status, response_body: body, response_type: type })
      .where('scope', '=', id.scope)
      .where('key', '=', id.key)
      .where('method', '=', id.method)
      .where('path', '=', id.path)
      .execute();
  },

  async remove(db: Db, id: IdempotencyId): Promise<void> {
    await db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', id.scope)
      .where('key', '=', id.key)
      .where('method', '=', id.method)
      .where('path', '=', id.path)
      .execute();
  },

  async purgeExpired(db: Db, now: string): Promise<number> {
    const r = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
