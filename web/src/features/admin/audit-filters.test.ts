import { describe, expect, it } from 'vitest';
import { auditFiltersFromParams, auditFiltersToParams, auditFiltersToQuery } from './audit-filters';

describe('audit filters', () => {
  it('round-trips through the address, dropping blanks', () => {
    const params = auditFiltersToParams({ actor: ' pat@partner.test ', action: '', from: '2026-01-01' });
    expect(params.toString()).toBe('actor=pat%40partner.test&from=2026-01-01');
    expect(auditFiltersFromParams(params)).toEqual({ actor: 'pat@partner.test', from: '2026-01-01' });
  });

  it('makes an inclusive last day exclusive for the API', () => {
    expect(auditFiltersToQuery({ to: '2026-12-31' })).toEqual({ to: '2027-01-01' });
    expect(auditFiltersToQuery({ to: '2026-02-28T10:00:00Z' })).toEqual({ to: '2026-02-28T10:00:00Z' });
    expect(auditFiltersToQuery({ actor: 'x' })).toEqual({ actor: 'x' });
  });
});
