import type { Db } from '../../db/database.js';
import type { ProductsTable } from './catalog.table.js';

/** What the products' own side of a license answer needs: name, version and unit. */
export type ProductFacts = Pick<ProductsTable, 'sku' | 'name' | 'version' | 'unit'>;

/** A catalog is a few hundred products at most; the bound only guards against the unexpected. */
const MAX_REMEMBERED = 10_000;
const remembered = new WeakMap<Db, Map<string, ProductFacts>>();

/**
 * A product's facts by id, read once per process. Products are never updated or deleted (a new
 * version is a new SKU, see docs/decisions.md), so what was read stays true on every instance; the
 * hot paths that answer products (validation, activation) then read one table instead of two.
 */
/** A product's facts when this process has read them already: the hot paths then need not wait. */
export function knownProductFacts(db: Db, productId: string): ProductFacts | undefined {
  return remembered.get(db)?.get(productId);
}

export async function productFacts(db: Db, productId: string): Promise<ProductFacts | undefined> {
  let byId = remembered.get(db);
  if (!byId) remembered.set(db, (byId = new Map()));
  const known = byId.get(productId);
  if (known) return known;
  const row = await db.selectFrom('products').select(['sku', 'name', 'version', 'unit']).where('id', '=', productId).executeTakeFirst();
  if (row && byId.size < MAX_REMEMBERED) byId.set(productId, row);
  return row;
}
