import { afterAll, beforeAll, expect, it } from 'vitest';
import { groupCommit } from '../../src/server/db/group-commit.js';
import type { Db } from '../../src/server/db/database.js';
import { createStore } from '../../src/server/db/store.js';
import { systemClock } from '../../src/server/platform/clock.js';
import { AuditLog } from '../../src/server/modules/audit/audit.service.js';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import { createTestDatabase, type TestDatabase } from '../harness/databases.js';
import { describeEachDialect } from '../harness/portal.js';

describeEachDialect('group commit', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.drop());

  const product = (sku: string) => ({ id: `prd_${sku}`, sku, name: sku, product_line: 'L', version: '1', edition: null, license_model: 'perpetual' as const, unit: 'server' as const, features: '[]', node_locked: 0, rehosts_per_year: 0, created_at: new Date().toISOString() });
  const skus = async (prefix: string) =>
    (await database.reopen().db.selectFrom('products').select('sku').where('sku', 'like', `${prefix}%`).orderBy('sku').execute()).map((r) => r.sku);

  /** Units that count their runs: `insert` writes its SKU, `fail` throws before or after writing. */
  function units(prefix: string, plan: ('insert' | 'fail-before-writing' | 'fail-after-writing')[]) {
    const runs = plan.map(() => 0);
    const works = plan.map((kind, i) => async (tx: Db) => {
      runs[i]!++;
      if (kind === 'fail-before-writing') throw new Error(`unit ${i} refused`);
      await tx.insertInto('products').values(product(`${prefix}-${i}`)).execute();
      if (kind === 'fail-after-writing') throw new Error(`unit ${i} changed its mind`);
      return i;
    });
    return { runs, works };
  }

  it('commits the units that succeed and rejects one that fails before writing, each once', async () => {
    const run = groupCommit(createStore(database.handle.db, dialect));
    const { runs, works } = units('GA', ['insert', 'fail-before-writing', 'insert']);
    const settled = await Promise.allSettled(works.map((w) => run(w)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('unit 1 refused');
    expect(runs).toEqual([1, 1, 1]);
    // another connection (another instance) sees exactly what was answered as done
    expect(await skus('GA-')).toEqual(['GA-0', 'GA-2']);
  });

  it('keeps nothing of a unit that fails after writing, and the others still commit', async () => {
    const run = groupCommit(createStore(database.handle.db, dialect));
    const { works } = units('GB', ['insert', 'fail-after-writing', 'insert']);
    const duplicate = async (tx: Db) => {
      await tx.insertInto('products').values(product('GB-0')).execute(); // the SKU of unit 0: refused alone
    };
    const settled = await Promise.allSettled([...works.map((w) => run(w)), run(duplicate)]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('unit 1 changed its mind');
    expect(await skus('GB-')).toEqual(['GB-0', 'GB-2']);
  });

  it('writes the audit entries of the units that commit, and none of a refused unit', async () => {
    const run = groupCommit(createStore(database.handle.db, dialect));
    const audit = new AuditLog(systemClock);
    const ctx = { actor: systemActor('group-commit test'), ip: null };
    const unit = (target: string, refuse: boolean) => async (tx: Db) => {
      await audit.record(tx, ctx, { action: 'test.unit', accountId: null, targetType: 'test', targetId: target });
      if (refuse) throw new Error(`${target} refused`);
    };
    const settled = await Promise.allSettled([run(unit('GC-0', false)), run(unit('GC-1', true)), run(unit('GC-2', false))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const entries = await database.reopen().db.selectFrom('audit_log').select('target_id').where('action', '=', 'test.unit').orderBy('target_id').execute();
    expect(entries.map((e) => e.target_id)).toEqual(['GC-0', 'GC-2']);
  });
});
