import { expect, it } from 'vitest';
import { describeEachDialect } from '../harness/portal.js';
import { racingPortal } from '../flex/world.js';

/** Several portal instances on one database: a voucher converts once, whoever asks and wherever. */
describeEachDialect('redemptions racing across instances', (dialect) => {
  const race = racingPortal(dialect, (world) => [world.users.oemMember.email, world.users.oemAdmin.email]);

  const redeem = (i: number, body: object) => race.clients[i % race.clients.length]!.post(`/accounts/${race.world.oem.id}/vouchers/redeem`, body);
  const batchOf = async (count: number) => (await race.world.vendor.post('/admin/voucher-batches', { oemAccountId: race.world.oem.id, productSku: 'VB-23-SRV', count, expiresAt: '2027-12-31' })).json() as { id: string; vouchers: string[] };
  const licensesOf = (voucherId: string) =>
    race.portal.container.store.db.selectFrom('licenses').select(['id', 'account_id']).where('source', '=', 'voucher').where('source_ref', '=', voucherId).execute();

  it('converts one voucher exactly once when many ask at the same moment, each for a new end customer', async () => {
    const { vouchers } = await batchOf(1);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => redeem(i, { code: vouchers[0], endCustomer: { name: `Racer ${i} GmbH`, contact: { name: `Racer ${i}`, email: `racer${i}@race.test` } } })),
    );
    const won = results.filter((r) => r.statusCode === 201);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'voucher_already_redeemed')).toBe(true);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(39);

    const { voucher, endCustomer, license } = won[0]!.json();
    expect(await licensesOf(voucher.id)).toEqual([{ id: license.id, account_id: endCustomer.accountId }]);
    // The losers rolled back everything: no end customer account, user or invitation of theirs is left.
    const racers = await race.portal.container.store.db.selectFrom('accounts').select('name').where('name', 'like', 'Racer %').execute();
    expect(racers.map((a) => a.name)).toEqual([endCustomer.name]);
    const invitations = await race.portal.container.store.db.selectFrom('outbox').select('to_address').where('kind', '=', 'invitation').where('to_address', 'like', '%@race.test').execute();
    expect(invitations).toHaveLength(1);
  });

  it('converts every voucher of a batch once when each is asked for several times at once', async () => {
    const { id, vouchers } = await batchOf(8);
    const endCustomer = { name: 'Shared End Customer', contact: { name: 'Sam', email: 'sam@shared.test' } };
    const first = (await redeem(0, { code: vouchers[0], endCustomer })).json();
    const results = await Promise.all(
      vouchers.slice(1).flatMap((code, v) => Array.from({ length: 5 }, (_, i) => redeem(v * 5 + i, { code, endCustomer: { accountId: first.endCustomer.accountId } }))),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(7);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(28);
    const batch = (await race.clients[0]!.get(`/accounts/${race.world.oem.id}/voucher-batches/${id}`)).json();
    expect(batch.counts).toEqual({ available: 0, redeemed: 8, expired: 0, void: 0 });
    const licenses = await race.portal.container.store.db
      .selectFrom('licenses')
      .select('id')
      .where('source', '=', 'voucher')
      .where('account_id', '=', first.endCustomer.accountId)
      .execute();
    expect(licenses).toHaveLength(8);
  });
});
