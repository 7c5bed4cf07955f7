import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-data.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';

describeEachDialect('Version Upgrade demo data', (dialect) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(dialect, { demo: true });
  });
  afterAll(() => portal.close());

  it('gives Acme an open upgrade notification, also seen by its partner', async () => {
    const alice = await portal.signIn('alice@acme.test', DEMO_PASSWORD);
    const acme = (await alice.get('/me')).json().accounts.find((a: { name: string }) => a.name === 'Acme Corp').id;
    const pending = (await alice.get(`/accounts/${acme}/upgrades`)).json().items;
    expect(pending).toEqual([
      expect.objectContaining({
        notificationId: expect.stringMatching(/^N\d{10}$/),
        toProduct: expect.objectContaining({ sku: 'VB-23-SRV' }),
        tradeIn: false,
        items: [expect.objectContaining({ product: expect.objectContaining({ sku: 'VB-22-SRV' }), eligible: 3, remaining: 3 })],
      }),
    ]);
    const pat = await portal.signIn('pat@partner.test', DEMO_PASSWORD);
    const offer = await pat.post(`/accounts/${acme}/upgrades/lookup`, { notificationId: pending[0].notificationId });
    expect(offer.statusCode).toBe(200);
    expect(offer.json().registration.customerContact.organization).toBe('Acme Corp');
  });
});
