import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-data.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';

describeEachDialect('FileConnect demo data', (dialect) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(dialect, { demo: true });
  });
  afterAll(() => portal?.close());

  it('gives Alice a release with a file she can download', async () => {
    const alice = await portal.signIn('alice@acme.test', DEMO_PASSWORD);
    const acme = (await alice.get('/me')).json().accounts.find((a: { name: string }) => a.name === 'Acme Corp').id;
    const { items } = (await alice.get(`/accounts/${acme}/downloads`)).json();
    expect(items.length).toBeGreaterThan(0);
    const file = items[0].files[0];
    const link = (await alice.post(`/accounts/${acme}/downloads/${file.id}/link`)).json();
    const res = await portal.anonymous().get(new URL(link.url).pathname);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBe(file.size);
    expect(res.body).toMatch(/^#!\/bin\/sh/);
  });
});
