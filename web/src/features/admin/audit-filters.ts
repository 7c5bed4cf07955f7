import type { AuditFilters } from '../../api/types';

export const AUDIT_FILTER_FIELDS = ['actor', 'account', 'action', 'from', 'to'] as const;

/** The audit filters live in the address, so a filtered view can be bookmarked and shared. */
export function auditFiltersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = params.get(field)?.trim();
    if (value) filters[field] = value;
  }
  return filters;
}

export function auditFiltersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = filters[field]?.trim();
    if (value) params.set(field, value);
  }
  return params;
}

/**
 * People pick an inclusive last day; the API's `to` is exclusive, so a bare date moves to the
 * next day. Timestamps pass as typed.
 */
export function auditFiltersToQuery(filters: AuditFilters): AuditFilters {
  const to = filters.to;
  if (!to || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return filters;
  const next = new Date(`${to}T00:00:00Z`);
  if (Number.isNaN(next.getTime())) return filters;
  next.setUTCDate(next.getUTCDate() + 1);
  return { ...filters, to: next.toISOString().slice(0, 10) };
}
