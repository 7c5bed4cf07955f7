import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-data.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';

describeEachDialect('Get a Key demo data', (dialect) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(dialect, { demo: true });
  });
  afterAll(() => portal.close());

  it("gives Acme serials to register, a license of each kind, and maintenance ending within 90 days", async () => {
    const alice = await portal.signIn('alice@acme.test', DEMO_PASSWORD);
    const acme = (await alice.get('/me')).json().accounts.find((a: { name: string }) => a.name === 'Acme Corp').id;
    const certificates = (await alice.get(`/accounts/${acme}/certificates`)).json().items as { lines: { serialNumber: string; registeredAt: string | null; maintenanceEndsAt: string | null }[]; partnerAccountId: string | null }[];
    const lines = certificates.flatMap((c) => c.lines);
    expect(lines.filter((l) => l.registeredAt === null).length).toBeGreaterThanOrEqual(3);
    expect(certificates.some((c) => c.partnerAccountId !== null && c.lines.every((l) => l.registeredAt === null))).toBe(true);

    const kinds = new Set<string>();
    for (const line of lines.filter((l) => l.registeredAt)) {
      const lookup = (await alice.post(`/accounts/${acme}/get-a-key/lookup`, { serialNumber: line.serialNumber })).json();
      const [license] = lookup.licenses;
      kinds.add(license.nodeLocked ? 'node-locked' : license.licenseModel);
    }
    expect([...kinds].sort()).toEqual(['node-locked', 'perpetual', 'subscription']);

    const in90 = new Date(portal.clock.now().getTime() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const today = portal.clock.now().toISOString().slice(0, 10);
    expect(lines.some((l) => l.maintenanceEndsAt && l.maintenanceEndsAt >= today && l.maintenanceEndsAt <= in90)).toBe(true);

    const pat = await portal.signIn('pat@partner.test', DEMO_PASSWORD);
    expect((await pat.get(`/accounts/${acme}/certificates`)).statusCode).toBe(200);
  });
});
