/**
 * Which held licenses an upgrade of `quantity` units draws on. Each new license names the one it
 * upgrades (the link in both histories), and a trade-in revokes exactly the licenses drawn on.
 */

/** A held license of the product, with the units of it upgraded under this campaign so far. */
export interface UpgradeSource {
  licenseId: string;
  quantity: number;
  upgradedAlready: number;
}

/** Units taken from one license; `keeps` is what stays with the old version afterwards. */
export interface UpgradePart {
  licenseId: string;
  quantity: number;
  keeps: number;
}

export type Allocation = { ok: true; parts: UpgradePart[] } | { ok: false; available: number };

/** Units of a license not yet upgraded under the campaign. */
export const unitsLeft = (source: UpgradeSource): number => Math.max(0, source.quantity - source.upgradedAlready);

/** What the sources can still give in all. */
export const availableUnits = (sources: readonly UpgradeSource[]): number => sources.reduce((sum, s) => sum + unitsLeft(s), 0);

/**
 * Takes `quantity` units from the sources in the order given (the caller passes the oldest
 * first, so the licenses bought first are upgraded first), whole licenses before splitting the
 * last one. Answers how many are available when the sources hold fewer.
 */
export function allocateUpgrade(sources: readonly UpgradeSource[], quantity: number): Allocation {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`allocateUpgrade: quantity must be a positive integer, got ${quantity}`);
  const available = availableUnits(sources);
  if (available < quantity) return { ok: false, available };
  const parts: UpgradePart[] = [];
  let wanted = quantity;
  for (const source of sources) {
    if (wanted === 0) break;
    const left = unitsLeft(source);
    if (left === 0) continue;
    const take = Math.min(left, wanted);
    parts.push({ licenseId: source.licenseId, quantity: take, keeps: left - take });
    wanted -= take;
  }
  return { ok: true, parts };
}
