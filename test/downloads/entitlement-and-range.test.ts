import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, downloadableProducts } from '../../src/server/modules/downloads/download-entitlement.js';
import { answerRange } from '../../src/server/modules/downloads/http-range.js';

describe('download entitlement', () => {
  const catalog = [
    { id: 'vb21', productLine: 'Vault Backup', version: '21' },
    { id: 'vb22', productLine: 'Vault Backup', version: '22' },
    { id: 'vb23', productLine: 'Vault Backup', version: '23' },
    { id: 'tv7', productLine: 'Tape Vault', version: '7' },
  ];

  it('gives every version up to the highest held, and newer ones only with maintenance on the line', () => {
    const held = [{ productLine: 'Vault Backup', version: '22' }];
    expect(Object.fromEntries(downloadableProducts(catalog, held, new Set()))).toEqual({ vb21: 'licensed', vb22: 'licensed' });
    expect(Object.fromEntries(downloadableProducts(catalog, held, new Set(['Vault Backup'])))).toEqual({ vb21: 'licensed', vb22: 'licensed', vb23: 'maintenance' });
    // Maintenance on a line the account holds nothing of opens nothing.
    expect(downloadableProducts(catalog, held, new Set(['Tape Vault'])).has('tv7')).toBe(false);
  });

  it('orders versions as people read them', () => {
    expect(['10', '9', '22.10', '22.1', '2024', '2025.1'].sort(compareVersions)).toEqual(['9', '10', '22.1', '22.10', '2024', '2025.1']);
    expect(compareVersions('22', '22.0')).toBe(-1);
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (a, b) => {
      const [x, y] = [a.join('.'), b.join('.')];
      expect(compareVersions(x, y)).toBe(-compareVersions(y, x));
    }));
  });
});

describe('Range header', () => {
  it('reads the forms resuming clients send', () => {
    expect(answerRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(answerRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(answerRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(answerRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(answerRange('bytes=50-500', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(answerRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  it('refuses bytes past the end, and ignores what it does not serve', () => {
    expect(answerRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(answerRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(answerRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    for (const ignored of ['bytes=9-0', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'nonsense']) expect(answerRange(ignored, 100)).toEqual({ kind: 'full' });
  });

  it('always answers a range inside the file', () => {
    fc.assert(fc.property(fc.nat(10_000), fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000)), (size, a, b) => {
      const answer = answerRange(`bytes=${a ?? ''}-${b ?? ''}`, size);
      if (answer.kind === 'partial') {
        expect(answer.start).toBeGreaterThanOrEqual(0);
        expect(answer.end).toBeLessThan(size);
        expect(answer.start).toBeLessThanOrEqual(answer.end);
      }
    }));
  });
});
