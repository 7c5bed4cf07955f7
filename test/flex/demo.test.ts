import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-data.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';

describeEachDialect('demo data for Enterprise Flexible and the Voucher Center', (dialect) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(dialect, { demo: true });
  });
  afterAll(() => portal.close());

  const accountOf = async (email: string) => {
    const client = await portal.signIn(email, DEMO_PASSWORD);
    const me = (await client.get('/me')).json() as { accounts: { id: string }[] };
    return { client, accountId: me.accounts[0]!.id };
  };

  it('gives Acme an Enterprise Flexible contract with units drawn and units left', async () => {
    const { client, accountId } = await accountOf('alice@acme.test');
    const [contract] = (await client.get(`/accounts/${accountId}/flex-contracts`)).json().items;
    expect(contract).toMatchObject({ serialNumber: expect.stringMatching(/^E\d{10}$/), state: 'active' });
    expect(contract.pools.map((p: { productSku: string; remaining: number; units: number }) => [p.productSku, p.units - p.remaining])).toEqual([
      ['VB-23-AGT', 2],
      ['VB-23-SRV', 4],
      ['VCA-TB', 25],
    ]);
  });

  it('gives OEM Systems a voucher batch with one conversion', async () => {
    const { client, accountId } = await accountOf('olga@oem.test');
    const [batch] = (await client.get(`/accounts/${accountId}/voucher-batches`)).json().items;
    expect(batch).toMatchObject({ count: 12, counts: { available: 11, redeemed: 1, expired: 0, void: 0 } });
    const [conversion] = (await client.get(`/accounts/${accountId}/vouchers?state=redeemed`)).json().items;
    expect(conversion.endCustomer.name).toBe('Bakery Brothers');
  });
});
