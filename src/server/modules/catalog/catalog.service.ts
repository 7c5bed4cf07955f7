import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, fieldError } from '../../http/app-error.js';
import type { TProduct, TProductCreate } from '../../../contracts/catalog.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from './catalog.repository.js';
import type { ProductsTable } from './catalog.table.js';

export interface ProductListOptions {
  q?: string | undefined;
  productLine?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The vendor's catalog (SPEC §3): what orders sell and licenses name. */
export class CatalogService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog }) {}

  async createProduct(ctx: RequestContext, input: TProductCreate): Promise<{ id: string; sku: string }> {
    authorize(ctx.actor, 'vendor.write');
    const nodeLocked = input.nodeLocked ?? false;
    if (!nodeLocked && (input.rehostsPerYear ?? 0) > 0) {
      throw fieldError('rehostsPerYear', 'only node-locked products are re-hosted; set nodeLocked or leave this out');
    }
    const now = this.deps.clock.now();
    const row: ProductsTable = {
      id: newId('product', now),
      sku: input.sku,
      name: input.name,
      product_line: input.productLine,
      version: input.version,
      edition: input.edition ?? null,
      license_model: input.licenseModel,
      unit: input.unit,
      features: JSON.stringify([...new Set(input.features ?? [])]),
      node_locked: nodeLocked ? 1 : 0,
      rehosts_per_year: input.rehostsPerYear ?? 0,
      created_at: now.toISOString(),
    };
    return this.deps.store.transaction(async (tx) => {
      if (!(await catalogRepository.insertProduct(tx, row))) throw new AppError('conflict', `a product with SKU ${input.sku} exists already`);
      await this.deps.audit.record(tx, ctx, { action: 'product.created', accountId: null, targetType: 'product', targetId: row.id, data: { ...input } });
      return { id: row.id, sku: row.sku };
    });
  }

  /** The vendor's list: every field. */
  async listProducts(ctx: RequestContext, opts: ProductListOptions) {
    authorize(ctx.actor, 'vendor.read');
    return this.page(opts);
  }

  /** Product names for any signed-in caller (pages show them next to serials and licenses). */
  async listProductNames(ctx: RequestContext, opts: ProductListOptions) {
    if (ctx.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'sign in first');
    return this.page(opts);
  }

  private async page(opts: ProductListOptions) {
    const rows = await catalogRepository.listProducts(this.deps.store.db, { q: opts.q, productLine: opts.productLine, after: opts.cursor, limit: opts.limit + 1 });
    return pageOf(rows.map(toProductView), opts.limit, (p) => p.sku);
  }
}

export function toProductView(row: ProductsTable): TProduct {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    productLine: row.product_line,
    version: row.version,
    edition: row.edition,
    licenseModel: row.license_model,
    unit: row.unit,
    features: JSON.parse(row.features) as string[],
    nodeLocked: row.node_locked === 1,
    rehostsPerYear: row.rehosts_per_year,
    createdAt: row.created_at,
  };
}
