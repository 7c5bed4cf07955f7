import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContainer } from '../../src/server/container.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';

describeEachDialect('jobs', (dialect) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
  });
  afterAll(() => portal.close());

  it('runs each due job once even with several workers racing for it', async () => {
    const runs: string[] = [];
    const workers = [portal.container, ...[1, 2].map(() => createContainer(portal.config, { clock: portal.clock, mailer: null, database: portal.database.reopen() }))];
    for (const w of workers) w.jobs.handle('count', async (payload) => void runs.push((payload as { n: string }).n));
    await portal.container.store.transaction(async (tx) => {
      for (let i = 0; i < 60; i++) await portal.container.jobs.enqueue(tx, 'count', { n: `job-${i}` });
    });
    await Promise.all(workers.flatMap((w) => [w.jobs.runDue(), w.jobs.runDue()]));
    expect(runs).toHaveLength(60);
    expect(new Set(runs).size).toBe(60);
  });

  it('keeps a job with a unique key to one, and retries a failing job later', async () => {
    const { jobs, store } = portal.container;
    let attempts = 0;
    jobs.handle('flaky', async () => {
      attempts++;
      if (attempts === 1) throw new Error('first try fails');
    });
    const inserted = await store.transaction(async (tx) => [
      await jobs.enqueue(tx, 'flaky', {}, { uniqueKey: 'flaky-1' }),
      await jobs.enqueue(tx, 'flaky', {}, { uniqueKey: 'flaky-1' }),
    ]);
    expect(inserted).toEqual([true, false]);
    expect((await jobs.runDue()).jobs).toEqual({ done: 0, failed: 1 });
    expect((await jobs.runDue()).jobs).toEqual({ done: 0, failed: 0 }); // waits for its back-off
    portal.clock.advance(60_000);
    expect((await jobs.runDue(portal.clock.now())).jobs).toEqual({ done: 1, failed: 0 });
    expect(attempts).toBe(2);
  });
});
