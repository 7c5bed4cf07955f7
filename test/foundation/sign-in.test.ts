import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, TEST_PASSWORD, type TestPortal } from '../harness/portal.js';

describeEachDialect('sign-in', (dialect) => {
  let portal: TestPortal;
  let customerId: string;
  let email: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    customerId = (await f.account('customer', 'Sign-in Co')).id;
    email = (await f.user([{ accountId: customerId, role: 'admin' }])).email;
  });
  afterAll(() => portal.close());

  it('signs in, shows the accounts in /me, and signs out', async () => {
    const client = await portal.signIn(email);
    const me = await client.get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().accounts).toEqual([expect.objectContaining({ id: customerId, role: 'admin', via: 'membership' })]);
    expect((await client.post('/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/me')).statusCode).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await portal.anonymous().post('/auth/login', { email, password: TEST_PASSWORD });
    const cookie = res.headers['set-cookie'] as string;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('slows twenty wrong passwords down with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await portal.anonymous().post('/auth/login', { email, password: `wrong-${i}` });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) retryAfter = res.headers['retry-after'] as string;
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // even the right password waits until the window is over
    expect((await portal.anonymous().post('/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(429);
    portal.clock.advance(16 * 60 * 1000);
    expect((await portal.anonymous().post('/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated unsafe request without the CSRF token', async () => {
    const client = await portal.signIn(email);
    const res = await portal.app.inject({ method: 'POST', url: `/api/v1/accounts/${customerId}/api-tokens`, payload: { name: 'x' }, headers: { cookie: client.auth.cookie! } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_token_invalid');
  });
});
