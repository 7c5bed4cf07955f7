import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, TEST_PASSWORD, type TestPortal } from '../harness/portal.js';

describeEachDialect('sessions and the security log', (dialect) => {
  let portal: TestPortal;
  let f: ReturnType<typeof factories>;
  let acme: string;
  let vendor: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    f = factories(portal);
    acme = (await f.account('customer', 'Acme Sessions')).id;
    vendor = await f.vendorAccountId();
  });
  afterAll(() => portal.close());

  it('lists where the user is signed in, marks this session, and signs one other out', async () => {
    const { email } = await f.user([{ accountId: acme, role: 'member' }]);
    const laptop = await portal.signIn(email);
    const phone = await portal.signIn(email);
    const sessions = (await laptop.get('/me/sessions')).json().items as {
      id: string;
      current: boolean;
      method: string;
    }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.every((s) => s.method === 'password' && s.id.startsWith('ses_'))).toBe(true);
    const other = sessions.find((s) => !s.current)!;
    expect((await laptop.delete(`/me/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await phone.get('/me')).statusCode).toBe(401);
    expect((await laptop.get('/me')).statusCode).toBe(200);
    expect((await laptop.delete(`/me/sessions/${other.id}`)).statusCode).toBe(404);
  });

  it("never reaches another user's session", async () => {
    const alice = await portal.signIn((await f.user([{ accountId: acme, role: 'member' }])).email);
    const bob = await portal.signIn((await f.user([{ accountId: acme, role: 'member' }])).email);
    const bobs = (await bob.get('/me/sessions')).json().items[0].id;
    expect((await alice.delete(`/me/sessions/${bobs}`)).statusCode).toBe(404);
    expect((await bob.get('/me')).statusCode).toBe(200);
  });

  it('signs out everywhere else, and everywhere', async () => {
    const { email } = await f.user([{ accountId: acme, role: 'member' }]);
    const [a, b, c] = [await portal.signIn(email), await portal.signIn(email), await portal.signIn(email)];
    expect((await a.post('/me/sessions/sign-out-everywhere', {})).json()).toEqual({ ended: 2 });
    expect((await b.get('/me')).statusCode).toBe(401);
    expect((await c.get('/me')).statusCode).toBe(401);
    expect((await a.get('/me')).statusCode).toBe(200);
    expect((await a.post('/me/sessions/sign-out-everywhere', { includeThisOne: true })).json()).toEqual({
      ended: 1,
    });
    expect((await a.get('/me')).statusCode).toBe(401);
  });

  it('keeps a security log of sign-ins, failed attempts and second-factor changes, newest first, paged', async () => {
    const { email, id } = await f.user([{ accountId: acme, role: 'member' }]);
    // Ids sort by time: the test clock moves a second between events, as a real one would.
    await portal
      .anonymous()
      .post('/auth/login', { email, password: 'not-my-password' }, { 'x-forwarded-for': '203.0.113.9' });
    portal.clock.advance(1000);
    const client = await portal.signIn(email);
    portal.clock.advance(1000);
    await client.post('/me/sessions/sign-out-everywhere', {});
    const log = (await client.get('/me/security-log')).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual([
      'user.signed_out_everywhere',
      'user.signed_in',
      'user.sign_in_failed',
    ]);
    expect(log.items[2]).toMatchObject({
      ip: '203.0.113.9',
      by: 'anonymous',
      detail: { reason: 'password' },
    });
    expect(log.items[1]).toMatchObject({ by: null, detail: { method: 'password', secondFactor: null } });

    const first = (await client.get('/me/security-log?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await client.get(`/me/security-log?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((e: { action: string }) => e.action)).toEqual(['user.sign_in_failed']);
    expect(second.nextCursor).toBeNull();

    const admin = await portal.signIn((await f.user([{ accountId: vendor, role: 'admin' }])).email);
    const support = await portal.signIn((await f.user([{ accountId: vendor, role: 'support' }])).email);
    expect((await support.get(`/admin/users/${id}/security-log`)).json().items).toHaveLength(3);
    expect((await client.get(`/admin/users/${id}/security-log`)).statusCode).toBe(404);
    expect((await admin.get('/admin/users/usr_nobody/security-log')).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('lets a vendor admin sign a person out everywhere, and support not', async () => {
    const { email, id } = await f.user([{ accountId: acme, role: 'admin' }]);
    const victim = await portal.signIn(email);
    const support = await portal.signIn((await f.user([{ accountId: vendor, role: 'support' }])).email);
    expect((await support.post(`/admin/users/${id}/sign-out-everywhere`)).statusCode).toBe(403);
    const admin = await portal.signIn((await f.user([{ accountId: vendor, role: 'admin' }])).email);
    portal.clock.advance(1000);
    expect((await admin.post(`/admin/users/${id}/sign-out-everywhere`)).json()).toEqual({ ended: 1 });
    portal.clock.advance(1000);
    expect((await victim.get('/me')).statusCode).toBe(401);
    const log = (await (await portal.signIn(email, TEST_PASSWORD)).get('/me/security-log')).json();
    expect(log.items[1]).toMatchObject({ action: 'user.signed_out_everywhere', detail: { byVendor: true } });
    expect(log.items[1].by).toMatch(/@example\.test$/);
  });
});
