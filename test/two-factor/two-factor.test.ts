import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInLeftovers } from '../../src/server/modules/two-factor/sign-in-leftovers.js';
import { totpCode } from '../../src/server/modules/two-factor/totp.js';
import { factories } from '../harness/factories.js';
import {
  Client,
  describeEachDialect,
  startTestPortal,
  TEST_PASSWORD,
  type TestPortal,
} from '../harness/portal.js';

const STEP_MS = 30_000;

describeEachDialect('two-factor authentication', (dialect) => {
  let portal: TestPortal;
  let f: ReturnType<typeof factories>;
  let acme: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    f = factories(portal);
    acme = (await f.account('customer', 'Acme 2FA')).id;
  });
  afterAll(() => portal.close());

  const login = (email: string, password = TEST_PASSWORD) =>
    portal.anonymous().post('/auth/login', { email, password });
  const answer = (challengeToken: string, code: string) =>
    portal.anonymous().post('/auth/login/totp', { challengeToken, code });
  const clientOf = (res: Awaited<ReturnType<typeof login>>) =>
    new Client(portal.app, {
      cookie: `lp_session=${res.cookies.find((c) => c.name === 'lp_session')!.value}`,
      csrf: res.json().csrfToken,
    });

  /** A member of Acme with an authenticator app enrolled through the API; the clock is back where it was. */
  async function enrolledUser(role: 'admin' | 'member' = 'member') {
    const { email, id } = await f.user([{ accountId: acme, role }]);
    const client = await portal.signIn(email);
    const { secret, otpauthUri } = (await client.post('/me/two-factor/totp')).json();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const confirmed = await client.post('/me/two-factor/totp/confirm', {
      code: totpCode(secret, portal.clock.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    return {
      email,
      id,
      secret: secret as string,
      recoveryCodes: confirmed.json().recoveryCodes as string[],
      client,
    };
  }

  /** Moves the clock to the start of a fresh 30-second step, well after anything used so far. */
  function freshStepStart(): Date {
    const next = (Math.floor(portal.clock.now().getTime() / STEP_MS) + 10) * STEP_MS;
    portal.clock.set(new Date(next));
    return new Date(next);
  }

  it('enrols an authenticator app: a wrong first code is refused, the right one gives ten recovery codes', async () => {
    const { email } = await f.user([{ accountId: acme, role: 'member' }]);
    const client = await portal.signIn(email);
    expect((await client.get('/me/two-factor')).json()).toMatchObject({
      enrolled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
    const { secret } = (await client.post('/me/two-factor/totp')).json();
    const wrong = await client.post('/me/two-factor/totp/confirm', {
      code: totpCode(secret, new Date(portal.clock.now().getTime() + 5 * STEP_MS)),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('code');
    const right = await client.post('/me/two-factor/totp/confirm', {
      code: totpCode(secret, portal.clock.now()),
    });
    expect(right.json().recoveryCodes).toHaveLength(10);
    expect((await client.get('/me/two-factor')).json()).toMatchObject({
      enrolled: true,
      recoveryCodesLeft: 10,
    });
    expect((await client.post('/me/two-factor/totp')).statusCode).toBe(409);
  });

  it('asks for the code after the password, and opens the session only with it', async () => {
    const user = await enrolledUser();
    const at = freshStepStart();
    const first = await login(user.email);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ twoFactorRequired: true, challengeToken: expect.any(String) });
    expect(first.cookies.find((c) => c.name === 'lp_session')).toBeUndefined();
    const done = await answer(first.json().challengeToken, totpCode(user.secret, at));
    expect(done.statusCode).toBe(200);
    expect((await clientOf(done).get('/me')).json().user.email).toBe(user.email);
  });

  describe('at the edges of the window', () => {
    it('takes the code of the step before until the last millisecond of the current step', async () => {
      const user = await enrolledUser();
      const start = freshStepStart();
      const previousCode = totpCode(user.secret, start);
      portal.clock.set(new Date(start.getTime() + 2 * STEP_MS - 1)); // the last ms of the next step
      expect((await answer((await login(user.email)).json().challengeToken, previousCode)).statusCode).toBe(
        200,
      );
    });

    it('refuses the code of two steps before, at the first millisecond of that step', async () => {
      const user = await enrolledUser();
      const start = freshStepStart();
      const oldCode = totpCode(user.secret, start);
      portal.clock.set(new Date(start.getTime() + 2 * STEP_MS));
      const res = await answer((await login(user.email)).json().challengeToken, oldCode);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
    });

    it('takes a phone running one step ahead, and not two', async () => {
      const user = await enrolledUser();
      const start = freshStepStart();
      const twoAhead = totpCode(user.secret, new Date(start.getTime() + 2 * STEP_MS));
      expect((await answer((await login(user.email)).json().challengeToken, twoAhead)).statusCode).toBe(401);
      const oneAhead = totpCode(user.secret, new Date(start.getTime() + STEP_MS));
      expect((await answer((await login(user.email)).json().challengeToken, oneAhead)).statusCode).toBe(200);
    });
  });

  it('never takes the same code twice, nor a code of an earlier step after a later one', async () => {
    const user = await enrolledUser();
    const start = freshStepStart();
    const code = totpCode(user.secret, start);
    expect((await answer((await login(user.email)).json().challengeToken, code)).statusCode).toBe(200);
    expect((await answer((await login(user.email)).json().challengeToken, code)).statusCode).toBe(401);
    const previous = totpCode(user.secret, new Date(start.getTime() - STEP_MS));
    expect((await answer((await login(user.email)).json().challengeToken, previous)).statusCode).toBe(401);
  });

  it('takes each recovery code once', async () => {
    const user = await enrolledUser();
    const [code] = user.recoveryCodes;
    const typedSloppily = code!.toLowerCase().replace(/-/g, ' ');
    expect((await answer((await login(user.email)).json().challengeToken, typedSloppily)).statusCode).toBe(
      200,
    );
    const again = await answer((await login(user.email)).json().challengeToken, code!);
    expect(again.statusCode).toBe(401);
    expect((await user.client.get('/me/two-factor')).json().recoveryCodesLeft).toBe(9);
  });

  it('lets exactly one of two sign-ins racing with the same recovery code through', async () => {
    const user = await enrolledUser();
    const [a, b] = await Promise.all([login(user.email), login(user.email)]);
    const results = await Promise.all([
      answer(a.json().challengeToken, user.recoveryCodes[1]!),
      answer(b.json().challengeToken, user.recoveryCodes[1]!),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('lets exactly one of two sign-ins racing with the same TOTP code through', async () => {
    const user = await enrolledUser();
    const at = freshStepStart();
    const [a, b] = await Promise.all([login(user.email), login(user.email)]);
    const code = totpCode(user.secret, at);
    const results = await Promise.all([
      answer(a.json().challengeToken, code),
      answer(b.json().challengeToken, code),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('ends a challenge after five wrong codes: even the right code then needs the password again', async () => {
    const user = await enrolledUser();
    const at = freshStepStart();
    const { challengeToken } = (await login(user.email)).json();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await answer(challengeToken, '000000')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 422]);
    const res = await answer(challengeToken, totpCode(user.secret, at));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('token_invalid');
  });

  it('slows down guessing across challenges: ten wrong codes per user, then 429', async () => {
    const user = await enrolledUser();
    const statuses: number[] = [];
    for (let challenge = 0; challenge < 3; challenge++) {
      const { challengeToken } = (await login(user.email)).json();
      for (let i = 0; i < 4; i++) statuses.push((await answer(challengeToken, '000000')).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('makes a vendor admin enrol before anything else', async () => {
    const vendor = await f.vendorAccountId();
    const { email } = await f.user([{ accountId: vendor, role: 'admin' }]);
    const res = await login(email);
    expect(res.json()).toMatchObject({ user: { email }, twoFactorEnrollmentRequired: true });
    const client = clientOf(res);
    const refused = await client.get('/admin/accounts');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('two_factor_enrollment_required');
    expect((await client.get('/me')).json().signInRestriction).toBe('two_factor_enrollment');
    expect((await client.get('/me/two-factor')).json()).toMatchObject({
      required: true,
      requiredBy: ['the vendor admin role'],
    });
    const { secret } = (await client.post('/me/two-factor/totp')).json();
    expect(
      (await client.post('/me/two-factor/totp/confirm', { code: totpCode(secret, portal.clock.now()) }))
        .statusCode,
    ).toBe(200);
    expect((await client.get('/admin/accounts')).statusCode).toBe(200);
    expect((await client.get('/me')).json().signInRestriction).toBeUndefined();
    expect((await client.post('/me/two-factor/disable', { password: TEST_PASSWORD })).statusCode).toBe(409);
  });

  it('keeps the answer of a user with no second factor as it was', async () => {
    const { email } = await f.user([{ accountId: acme, role: 'viewer' }]);
    expect(Object.keys((await login(email)).json()).sort()).toEqual(['csrfToken', 'user']);
  });

  it('lets an account admin require a second factor of everybody, once they have one themselves', async () => {
    const account = (await f.account('customer', 'Strict Co')).id;
    const admin = await f.user([{ accountId: account, role: 'admin' }]);
    const member = await f.user([{ accountId: account, role: 'member' }]);
    const adminClient = await portal.signIn(admin.email);
    const memberClient = await portal.signIn(member.email);
    expect((await memberClient.get(`/accounts/${account}`)).statusCode).toBe(200);

    const tooEarly = await adminClient.put(`/accounts/${account}/sign-in-policy`, {
      twoFactorRequired: true,
    });
    expect(tooEarly.statusCode).toBe(409);
    const { secret } = (await adminClient.post('/me/two-factor/totp')).json();
    await adminClient.post('/me/two-factor/totp/confirm', { code: totpCode(secret, portal.clock.now()) });
    const required = await adminClient.put(`/accounts/${account}/sign-in-policy`, {
      twoFactorRequired: true,
    });
    expect(required.json()).toEqual({ accountId: account, twoFactorRequired: true, ssoRequired: false });
    expect(
      (await memberClient.put(`/accounts/${account}/sign-in-policy`, { twoFactorRequired: false })).json()
        .error.code,
    ).toBe('two_factor_enrollment_required');

    // The member's open session may now only enrol, and so may their next one.
    expect((await memberClient.get(`/accounts/${account}`)).json().error.code).toBe(
      'two_factor_enrollment_required',
    );
    expect((await login(member.email)).json().twoFactorEnrollmentRequired).toBe(true);
    expect((await adminClient.get(`/accounts/${account}`)).statusCode).toBe(200);
  });

  it('turns the second factor off with the password, where nobody requires it', async () => {
    const user = await enrolledUser();
    const wrong = await user.client.post('/me/two-factor/disable', { password: 'not-the-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('password');
    expect((await user.client.post('/me/two-factor/disable', { password: TEST_PASSWORD })).statusCode).toBe(
      204,
    );
    expect((await login(user.email)).json().csrfToken).toEqual(expect.any(String));
  });

  it('gives new recovery codes with the password, and the old ones stop working', async () => {
    const user = await enrolledUser();
    const renewed = await user.client.post('/me/two-factor/recovery-codes', { password: TEST_PASSWORD });
    expect(renewed.json().recoveryCodes).toHaveLength(10);
    expect(
      (await answer((await login(user.email)).json().challengeToken, user.recoveryCodes[0]!)).statusCode,
    ).toBe(401);
    expect(
      (await answer((await login(user.email)).json().challengeToken, renewed.json().recoveryCodes[0]))
        .statusCode,
    ).toBe(200);
  });

  it('forgets unfinished sign-ins once they have expired', async () => {
    const user = await enrolledUser();
    await login(user.email);
    const { db } = portal.container.store;
    const count = async () =>
      (await db.selectFrom('login_challenges').select('id_hash').where('user_id', '=', user.id).execute())
        .length;
    expect(await count()).toBe(1);
    portal.clock.advance(11 * 60_000);
    await signInLeftovers(db)(portal.clock.now());
    expect(await count()).toBe(0);
  });

  it('refuses API tokens on the personal second-factor routes', async () => {
    const token = await portal.container.apiTokens.create(
      { actor: { kind: 'system', label: 'test' }, ip: null },
      acme,
      { name: 't' },
    );
    expect((await portal.bearer(token.token).post('/me/two-factor/totp')).statusCode).toBe(401);
  });
});
