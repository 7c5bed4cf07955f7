import type { Db } from '../../db/database.js';
import type { DownloadsTable, ReleaseFilesTable, ReleasesTable } from './downloads.table.js';

/** A release with the catalog facts of its product. */
export interface ReleaseRow extends ReleasesTable {
  product_sku: string;
  product_name: string;
  product_line: string;
  product_version: string;
}

export interface FileWithProduct extends ReleaseFilesTable {
  product_id: string;
}

const releaseColumns = [
  'releases.id',
  'releases.product_id',
  'releases.version',
  'releases.notes',
  'releases.created_at',
  'products.sku as product_sku',
  'products.name as product_name',
  'products.product_line',
  'products.version as product_version',
] as const;

export const downloadsRepository = {
  findProductBySku(db: Db, sku: string) {
    return db.selectFrom('products').select(['id', 'sku']).where('sku', '=', sku).executeTakeFirst();
  },

  /** Inserts unless the product already has a release of this version; true when inserted. */
  async insertRelease(db: Db, row: ReleasesTable): Promise<boolean> {
    const result = await db
      .insertInto('releases')
      .values(row)
      .onConflict((oc) => oc.columns(['product_id', 'version']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  findRelease(db: Db, id: string): Promise<ReleaseRow | undefined> {
    return db.selectFrom('releases').innerJoin('products', 'products.id', 'releases.product_id').select(releaseColumns).where('releases.id', '=', id).executeTakeFirst();
  },

  /** Newest first; `productIds` undefined means every product (the vendor's view). */
  listReleases(db: Db, opts: { productIds?: string[] | undefined; sku?: string | undefined; withFilesOnly?: boolean; before?: string | undefined; limit: number }): Promise<ReleaseRow[]> {
    if (opts.productIds?.length === 0) return Promise.resolve([]);
    let q = db.selectFrom('releases').innerJoin('products', 'products.id', 'releases.product_id').select(releaseColumns);
    if (opts.productIds) q = q.where('releases.product_id', 'in', opts.productIds);
    if (opts.sku) q = q.where('products.sku', '=', opts.sku);
    if (opts.withFilesOnly) q = q.where(({ exists, selectFrom }) => exists(selectFrom('release_files').select('release_files.id').whereRef('release_files.release_id', '=', 'releases.id')));
    if (opts.before) q = q.where('releases.id', '<', opts.before);
    return q.orderBy('releases.id', 'desc').limit(opts.limit).execute();
  },

  filesOf(db: Db, releaseIds: string[]): Promise<ReleaseFilesTable[]> {
    if (releaseIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('release_files').selectAll().where('release_id', 'in', releaseIds).orderBy('name').execute();
  },

  findFileByName(db: Db, releaseId: string, name: string): Promise<ReleaseFilesTable | undefined> {
    return db.selectFrom('release_files').selectAll().where('release_id', '=', releaseId).where('name', '=', name).executeTakeFirst();
  },

  findFile(db: Db, id: string): Promise<FileWithProduct | undefined> {
    return db
      .selectFrom('release_files')
      .innerJoin('releases', 'releases.id', 'release_files.release_id')
      .selectAll('release_files')
      .select('releases.product_id')
      .where('release_files.id', '=', id)
      .executeTakeFirst();
  },

  /** One statement, so two uploads of the same name at once leave one row (the later bytes). */
  async upsertFile(db: Db, row: ReleaseFilesTable): Promise<string> {
    const { id } = await db
      .insertInto('release_files')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['release_id', 'name']).doUpdateSet({
          size: row.size,
          sha256: row.sha256,
          content_type: row.content_type,
          blob_key: row.blob_key,
          updated_at: row.updated_at,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  /** The product lines and versions the account holds a live license for: one probe per catalog product. */
  heldProducts(db: Db, accountId: string, now: string) {
    return db
      .selectFrom('products')
      .select(['products.id', 'products.sku', 'products.name', 'products.product_line', 'products.version'])
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('licenses')
            .select('licenses.id')
            .whereRef('licenses.product_id', '=', 'products.id')
            .where('licenses.account_id', '=', accountId)
            .where('licenses.status', '=', 'active')
            .where((eb) => eb.or([eb('licenses.expires_at', 'is', null), eb('licenses.expires_at', '>', now)])),
        ),
      )
      .execute();
  },

  /** Product lines with a maintenance contract of the account running on `today` (YYYY-MM-DD). */
  async maintainedLines(db: Db, accountId: string, today: string): Promise<string[]> {
    const rows = await db
      .selectFrom('maintenance_contracts')
      .innerJoin('products', 'products.id', 'maintenance_contracts.product_id')
      .select('products.product_line')
      .distinct()
      .where('maintenance_contracts.account_id', '=', accountId)
      .where('maintenance_contracts.starts_at', '<=', today)
      .where('maintenance_contracts.ends_at', '>=', today)
      .execute();
    return rows.map((r) => r.product_line);
  },

  productsOfLines(db: Db, lines: string[]) {
    if (lines.length === 0) return Promise.resolve([]);
    return db.selectFrom('products').select(['id', 'product_line', 'version']).where('product_line', 'in', lines).execute();
  },

  async insertDownload(db: Db, row: DownloadsTable): Promise<void> {
    await db.insertInto('downloads').values(row).execute();
  },

  async finishDownload(db: Db, id: string, bytesSent: number, completed: boolean, at: string): Promise<void> {
    await db.updateTable('downloads').set({ bytes_sent: bytesSent, completed: completed ? 1 : 0, finished_at: at }).where('id', '=', id).execute();
  },
};
