/** A catalog product as entitlement sees it. */
export interface CatalogProduct {
  id: string;
  productLine: string;
  version: string;
}

export type DownloadAccess = 'licensed' | 'maintenance';

/**
 * Which products' releases an account may download (SPEC §10): every version up to the highest
 * it holds a license for in a product line, and the higher versions of that line only while a
 * maintenance contract on the line is active. `catalog` is every product of the held lines.
 */
export function downloadableProducts(
  catalog: readonly CatalogProduct[],
  held: readonly Pick<CatalogProduct, 'productLine' | 'version'>[],
  maintainedLines: ReadonlySet<string>,
): Map<string, DownloadAccess> {
  const highestHeld = new Map<string, string>();
  for (const h of held) {
    const top = highestHeld.get(h.productLine);
    if (top === undefined || compareVersions(h.version, top) > 0) highestHeld.set(h.productLine, h.version);
  }
  const access = new Map<string, DownloadAccess>();
  for (const product of catalog) {
    const top = highestHeld.get(product.productLine);
    if (top === undefined) continue;
    if (compareVersions(product.version, top) <= 0) access.set(product.id, 'licensed');
    else if (maintainedLines.has(product.productLine)) access.set(product.id, 'maintenance');
  }
  return access;
}

/**
 * Orders version labels as people read them: `9 < 10`, `22.1 < 22.10`, `2024 < 2025.1`.
 * Numeric parts compare as numbers, other parts as text; a missing part counts as lower.
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-_ ]+/);
  const pb = b.split(/[.\-_ ]+/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const order = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y, 'en');
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}
