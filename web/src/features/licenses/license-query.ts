import type { LicenseQuery } from './licenses.api';

/**
 * The list's state lives in the page address (`?status=expired&field.cost_center=CC-7&sort=…`), so
 * that a filtered list can be bookmarked, shared and saved as a view. These read and change it.
 */
export const FILTER_KEYS = ['q', 'product', 'version', 'status', 'expiresAfter', 'expiresBefore', 'hostId', 'shared', 'sort'] as const;
const FIELD_KEY = /^field\.[a-z][a-z0-9_]{0,39}$/;

/** The list query in an address's parameters: known filters and `field.<name>` ones, never empty. */
export function queryFromParams(params: URLSearchParams): LicenseQuery {
  const query: LicenseQuery = {};
  for (const [key, value] of params) {
    if (value === '') continue;
    if ((FILTER_KEYS as readonly string[]).includes(key) || FIELD_KEY.test(key)) query[key] = value;
  }
  return query;
}

/** The query with one filter set, or removed when `value` is empty. */
export function withFilter(query: LicenseQuery, key: string, value: string | null | undefined): LicenseQuery {
  const next = { ...query };
  if (value === null || value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/** The filters that narrow the list (sort aside): what the "clear" button clears. */
export function activeFilters(query: LicenseQuery): string[] {
  return Object.keys(query).filter((key) => key !== 'sort');
}

export const SORT_CHOICES = [
  { value: '-issuedAt', label: 'Newest first' },
  { value: 'issuedAt', label: 'Oldest first' },
  { value: 'expiresAt', label: 'Expiry, soonest first' },
  { value: '-expiresAt', label: 'Expiry, latest first' },
  { value: 'hostId', label: 'Host ID' },
];
