import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness/portal.js';
import { createContract, racingPortal } from './world.js';

/** Several portal instances on one database: the pool's floor must hold across all of them. */
describeEachDialect('draw-downs racing across instances', (dialect) => {
  const race = racingPortal(dialect, (world) => [world.users.member.email]);

  const path = (contractId: string, action: string) => `/accounts/${race.world.customer.id}/flex-contracts/${contractId}/${action}`;
  const on = (i: number) => race.clients[i % race.clients.length]!;

  async function ledgerOf(contractId: string) {
    const entries: { kind: string; quantity: number; licenseId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof entries; nextCursor: string | null } = (await on(0).get(`${path(contractId, 'ledger')}?limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json();
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((n, e) => n + e.quantity, 0);
    return { entries, drawn: sum('draw_down'), returned: sum('return') };
  }

  async function remainingOf(contractId: string) {
    const contract = (await on(0).get(`/accounts/${race.world.customer.id}/flex-contracts/${contractId}`)).json();
    return contract.pools[0] as { units: number; remaining: number };
  }

  async function activeDrawnUnits(contractId: string) {
    const rows = await race.portal.container.store.db
      .selectFrom('licenses')
      .select(['quantity'])
      .where('source', '=', 'draw_down')
      .where('source_ref', '=', contractId)
      .where('status', '=', 'active')
      .execute();
    return rows.reduce((n, r) => n + r.quantity, 0);
  }

  it('lets exactly the pool’s units through when far more draw-downs arrive at once', async () => {
    const contract = await createContract(race.world.vendor, race.world.customer.id, [{ productSku: 'VB-23-SRV', units: 12 }]);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => on(i).post(path(contract.id, 'draw-downs'), { productSku: 'VB-23-SRV', quantity: 1 })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'pool_exhausted')).toBe(true);

    expect(await remainingOf(contract.id)).toEqual(expect.objectContaining({ units: 12, remaining: 0 }));
    const ledger = await ledgerOf(contract.id);
    expect(ledger.drawn).toBe(12);
    expect(new Set(ledger.entries.map((e) => e.licenseId)).size).toBe(12);
    expect(await activeDrawnUnits(contract.id)).toBe(12);
  });

  it('keeps pool, ledger and licenses in agreement while draw-downs and returns of every size race', async () => {
    const contract = await createContract(race.world.vendor, race.world.customer.id, [{ productSku: 'VB-23-SRV', units: 30 }]);
    const first = [];
    for (let i = 0; i < 8; i++) first.push((await on(i).post(path(contract.id, 'draw-downs'), { productSku: 'VB-23-SRV', quantity: 3 })).json());
    expect(first.every((d) => d.remaining >= 0)).toBe(true);

    const returns = first.flatMap((d, i) => [
      // Each license is returned twice at once (a double click, a retry): only one may count.
      on(i).post(path(contract.id, 'returns'), { licenseId: d.license.id, quantity: 1 + (i % 3) }),
      on(i + 1).post(path(contract.id, 'returns'), { licenseId: d.license.id, quantity: 1 + (i % 3) }),
    ]);
    const draws = Array.from({ length: 30 }, (_, i) => on(i).post(path(contract.id, 'draw-downs'), { productSku: 'VB-23-SRV', quantity: 1 + (i % 2) }));
    const results = await Promise.all([...returns, ...draws]);

    const returned = results.slice(0, returns.length);
    expect(returned.filter((r) => r.statusCode === 201)).toHaveLength(8);
    expect(returned.filter((r) => r.statusCode === 409)).toHaveLength(8);
    expect(results.every((r) => [201, 409].includes(r.statusCode))).toBe(true);

    const pool = await remainingOf(contract.id);
    const ledger = await ledgerOf(contract.id);
    expect(pool.remaining).toBeGreaterThanOrEqual(0);
    expect(pool.units - pool.remaining).toBe(ledger.drawn - ledger.returned);
    expect(await activeDrawnUnits(contract.id)).toBe(pool.units - pool.remaining);
  });
});
