import type { TFlexContractState, TFlexUsageRow } from '../../../contracts/flex.js';
import type { UsageRow } from './flex.repository.js';

/** A term includes both its first and its last day. */
export function contractState(term: { starts_at: string; ends_at: string }, today: string): TFlexContractState {
  if (today < term.starts_at) return 'scheduled';
  if (today > term.ends_at) return 'ended';
  return 'active';
}

/** Folds the ledger's sums (one row per month, product and kind) into one row per month and product. */
export function usageRows(rows: UsageRow[]): TFlexUsageRow[] {
  const byKey = new Map<string, TFlexUsageRow>();
  for (const row of rows) {
    const key = `${row.month}|${row.sku}`;
    const entry = byKey.get(key) ?? { month: row.month, productSku: row.sku, productName: row.product_name, drawn: 0, returned: 0, net: 0 };
    const quantity = Number(row.quantity);
    if (row.kind === 'draw_down') entry.drawn += quantity;
    else entry.returned += quantity;
    entry.net = entry.drawn - entry.returned;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.month.localeCompare(b.month) || a.productSku.localeCompare(b.productSku));
}
