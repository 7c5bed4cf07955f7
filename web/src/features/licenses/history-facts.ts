/**
 * A history entry's data as a person reads it. The audit trail also keeps the portal's internal
 * references (`lic_…`, `msg_…`, signing key ids): useful to support, noise on this page.
 */
const INTERNAL_ID = /^[a-z]{3}_[0-9a-z]{26}$/;
const INTERNAL_KEYS = new Set(['kid']);

/** `license.custom_fields_set` → "Custom fields set". */
export function describeAction(action: string): string {
  const words = action.replace(/^license\./, '').replace(/[._]/g, ' ');
  return words[0]!.toUpperCase() + words.slice(1);
}

/** `{values: {asset_tag: "AT-1"}, source: "edit", shareId: "shr_…"}` → "asset tag: AT-1 · source: edit". */
export function describeData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .flatMap(([key, value]) => {
      if (INTERNAL_KEYS.has(key) || value === null || value === undefined) return [];
      if (typeof value === 'string' && INTERNAL_ID.test(value)) return [];
      if (key === 'values' && typeof value === 'object') {
        return Object.entries(value as Record<string, unknown>).map(([name, v]) => `${name}: ${v === null ? '(cleared)' : String(v)}`);
      }
      return [`${wordsOf(key)}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`];
    })
    .join(' · ');
}

/** `fromHostId` → "from host ID", `productSku` → "product SKU". */
function wordsOf(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bid\b/g, 'ID')
    .replace(/\bsku\b/g, 'SKU');
}
