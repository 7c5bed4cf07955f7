/**
 * Checks an upgrade request's items against what the notification still allows, so that a fault
 * is told per item (`items.1.quantity`) before anything changes. The database re-checks each
 * quantity as it takes it, so a concurrent upgrade cannot slip past this reading.
 */

export interface RequestedItem {
  productSku: string;
  quantity: number;
}

export type ItemFault =
  | { index: number; field: 'productSku'; kind: 'repeated' | 'not_in_notification' }
  | { index: number; field: 'quantity'; kind: 'exceeds_eligible'; remaining: number };

/**
 * Faults of the request, in item order: a product named twice, a product the notification does
 * not cover, or more units than remain (`remaining` maps each covered SKU to its units left).
 * Malformed fields (an empty list, a quantity below 1) are the schema's to refuse.
 */
export function reviewUpgradeItems(items: readonly RequestedItem[], remaining: ReadonlyMap<string, number>): ItemFault[] {
  const faults: ItemFault[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.productSku)) return void faults.push({ index, field: 'productSku', kind: 'repeated' });
    seen.add(item.productSku);
    const left = remaining.get(item.productSku);
    if (left === undefined) return void faults.push({ index, field: 'productSku', kind: 'not_in_notification' });
    if (item.quantity > left) faults.push({ index, field: 'quantity', kind: 'exceeds_eligible', remaining: left });
  });
  return faults;
}
