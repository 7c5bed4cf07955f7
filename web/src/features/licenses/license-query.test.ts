import { describe, expect, it } from 'vitest';
import { isSameList } from '../../api/use-paged-list';
import { activeFilters, queryFromParams, withFilter } from './license-query';

describe('the license list query in the page address', () => {
  it('reads known filters and custom field filters, leaving out empty and unknown parameters', () => {
    const params = new URLSearchParams('status=expired&field.cost_center=CC-7&q=&utm_source=mail&field.Bad=1&sort=-expiresAt');
    expect(queryFromParams(params)).toEqual({ status: 'expired', 'field.cost_center': 'CC-7', sort: '-expiresAt' });
  });

  it('sets a filter, and removes it when the value is emptied', () => {
    const query = withFilter({ product: 'VB-23-SRV' }, 'field.department', 'Finance');
    expect(query).toEqual({ product: 'VB-23-SRV', 'field.department': 'Finance' });
    expect(withFilter(query, 'field.department', '')).toEqual({ product: 'VB-23-SRV' });
    expect(withFilter(query, 'product', null)).toEqual({ 'field.department': 'Finance' });
  });

  it('counts what narrows the list, not its order', () => {
    expect(activeFilters({ sort: 'hostId' })).toEqual([]);
    expect(activeFilters({ sort: 'hostId', 'field.department': 'Finance' })).toEqual(['field.department']);
  });

  it('keeps a list on screen while another filter of it loads, never another account’s', () => {
    const list = (account: string, query: Record<string, string>) => ['accounts', account, 'licenses', 'list', query];
    expect(isSameList(list('acc_a', {}), list('acc_a', { status: 'expired' }))).toBe(true);
    expect(isSameList(list('acc_a', {}), list('acc_b', {}))).toBe(false);
    expect(isSameList(['accounts', 'acc_a', 'licenses', 'summary', {}], list('acc_a', {}))).toBe(false);
  });
});
