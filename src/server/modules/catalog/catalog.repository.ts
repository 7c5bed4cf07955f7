import type { Db } from '../../db/database.js';
import { escapeLike } from '../accounts/accounts.repository.js';
import type { ProductsTable } from './catalog.table.js';

export const catalogRepository = {
  /** Inserts a product; false when its SKU exists already (the unique index decides). */
  async insertProduct(db: Db, row: ProductsTable): Promise<boolean> {
    const r = await db.insertInto('products').values(row).onConflict((oc) => oc.column('sku').doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  findProduct(db: Db, id: string): Promise<ProductsTable | undefined> {
    return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findProductBySku(db: Db, sku: string): Promise<ProductsTable | undefined> {
    return db.selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();
  },

  async productsBySku(db: Db, skus: string[]): Promise<Map<string, ProductsTable>> {
    if (skus.length === 0) return new Map();
    const rows = await db.selectFrom('products').selectAll().where('sku', 'in', [...new Set(skus)]).execute();
    return new Map(rows.map((r) => [r.sku, r]));
  },

  listProducts(db: Db, opts: { q?: string | undefined; productLine?: string | undefined; after?: string | undefined; limit: number }) {
    let q = db.selectFrom('products').selectAll();
    if (opts.q) {
      const like = `%${escapeLike(opts.q)}%`;
      q = q.where((eb) => eb.or([eb('sku', 'like', like), eb('name', 'like', like)]));
    }
    if (opts.productLine) q = q.where('product_line', '=', opts.productLine);
    if (opts.after) q = q.where('sku', '>', opts.after);
    return q.orderBy('sku').limit(opts.limit).execute();
  },
};
