import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { licenseFactory } from './license-factory.js';

/**
 * The keyset promise: walking a filtered list page by page shows every license that was there
 * when the walk began exactly once, in order, even while new licenses arrive in between pages
 * (they may show or not, but never twice and never push another one out).
 */
describeEachDialect('license list paging', (dialect) => {
  let portal: TestPortal;
  let accountId: string;
  let alice: Client;
  let lf: ReturnType<typeof licenseFactory>;
  let productId: string;
  let otherProductId: string;
  let sku: string;
  let n = 0;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    lf = licenseFactory(portal);
    accountId = (await f.account()).id;
    alice = await portal.signIn((await f.user([{ accountId, role: 'admin' }])).email);
    const product = await lf.product();
    productId = product.id;
    sku = product.sku;
    otherProductId = (await lf.product()).id;
    await alice.post(`/accounts/${accountId}/custom-fields`, { name: 'rack', type: 'number' });
    for (let i = 0; i < 120; i++) await addLicense(i % 4 === 3 ? otherProductId : productId);
  });
  afterAll(() => portal.close());

  /** Few distinct expiry dates, hosts and values: many ties, which only the id breaks. */
  async function addLicense(product: string) {
    n += 1;
    const license = await lf.license(accountId, product, {
      expires_at: n % 5 === 0 ? null : `2027-0${(n % 3) + 1}-15`,
      host_id: n % 7 === 0 ? null : `host-${n % 4}`,
      status: n % 11 === 0 ? 'revoked' : 'active',
    });
    if (n % 2 === 0) {
      const res = await alice.put(`/accounts/${accountId}/licenses/${license.id}/custom-fields`, { values: { rack: n % 6 } });
      expect(res.statusCode).toBe(200);
    }
    portal.clock.advance(17);
    return license;
  }

  async function walk(query: string, limit: number): Promise<{ seen: string[]; before: Set<string> }> {
    const before = new Set(await allIds(query));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/accounts/${accountId}/licenses?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      // a new license of each product arrives while the page is read
      const [res] = await Promise.all([alice.get(url), addLicense(productId), addLicense(otherProductId)]);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return { seen, before };
  }

  async function allIds(query: string): Promise<string[]> {
    const res = await alice.get(`/accounts/${accountId}/licenses?${query}&limit=500`);
    expect(res.json().nextCursor).toBeNull();
    return (res.json().items as { id: string }[]).map((i) => i.id);
  }

  for (const sort of ['-issuedAt', 'issuedAt', 'expiresAt', '-expiresAt', 'hostId', '-hostId', 'field.rack', '-field.rack']) {
    it(`shows every license of a filtered list exactly once, sorted by ${sort}`, async () => {
      const query = `product=${sku}&status=active&sort=${sort}`;
      const { seen, before } = await walk(query, 7);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
      // in the list's own order: the walk equals one read of the whole list (newcomers aside,
      // whose custom value may be set while the walk goes on, which moves them)
      const now = await allIds(query);
      expect(seen.filter((id) => before.has(id))).toEqual(now.filter((id) => before.has(id)));
    });
  }

  it('pages a search the same way', async () => {
    const { seen, before } = await walk('q=host-1&sort=-issuedAt', 5);
    expect(before.size).toBeGreaterThan(10);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
  });
});
