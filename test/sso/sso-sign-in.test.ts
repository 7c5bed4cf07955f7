import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, TEST_PASSWORD } from '../harness/portal.js';
import { callbackWith, clientAfter, signInThroughProvider, startSsoWorld } from './sso-fixture.js';

describeEachDialect('single sign-on through an OpenID Connect provider', (dialect) => {
  let world: Awaited<ReturnType<typeof startSsoWorld>>;

  beforeAll(async () => {
    world = await startSsoWorld(dialect);
    world.provider.addUser({
      sub: 'idp-new-1',
      email: 'new.person@acme.test',
      password: 'idp-pass-1',
      name: 'New Person',
    });
    world.provider.addUser({
      sub: 'idp-outsider',
      email: 'someone@elsewhere.test',
      password: 'idp-pass-2',
      name: 'Outsider',
    });
  });
  afterAll(() => world.close());

  it('routes an e-mail of a verified domain to the provider, and others to the password', async () => {
    const routed = (
      await world.portal.anonymous().post('/auth/sso/start', { email: 'Anyone@ACME.test' })
    ).json().redirectUrl as string;
    const url = new URL(routed);
    expect(url.origin + url.pathname).toBe(`${world.provider.issuer}/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe('http://portal.test/api/v1/auth/sso/callback');
    expect(url.searchParams.get('login_hint')).toBe('anyone@acme.test');
    expect(
      (await world.portal.anonymous().post('/auth/sso/start', { email: 'alice@elsewhere.test' })).json(),
    ).toEqual({ redirectUrl: null });
  });

  it('starts from a browser that still holds a session (signing in acts on no session: no CSRF token asked)', async () => {
    const signedIn = await world.portal.signIn(world.boss.email);
    const res = await world.portal.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/start',
      payload: { email: 'boss@acme.test' },
      headers: { cookie: signedIn.auth.cookie! },
    });
    expect(res.json().redirectUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/authorize\?/);
  });

  it('signs a new person in and makes them a member just in time, with the default role', async () => {
    const run = await signInThroughProvider(world.portal, 'new.person@acme.test', 'idp-pass-1', {
      returnTo: '/a/somewhere',
    });
    expect(run.callback.statusCode).toBe(302);
    expect(run.callback.headers.location).toBe('/a/somewhere');
    const client = await clientAfter(world.portal, run.callback);
    const me = (await client.get('/me')).json();
    expect(me.user).toMatchObject({ email: 'new.person@acme.test', name: 'New Person' });
    expect(me.accounts).toEqual([
      expect.objectContaining({ id: world.acme, role: 'member', via: 'membership' }),
    ]);
    expect((await client.get('/me/sessions')).json().items[0]).toMatchObject({
      method: 'sso',
      current: true,
    });
    expect(
      (await client.get('/me/security-log')).json().items.map((e: { action: string }) => e.action),
    ).toEqual(expect.arrayContaining(['user.signed_in', 'sso.identity_linked']));
    // The portal authenticated to the token endpoint and proved the PKCE verifier.
    const request = world.provider.tokenRequests.at(-1)!;
    expect(request.authorization).toMatch(/^Basic /);
    expect(request.body.get('code_verifier')).toMatch(/^[\w-]{43}$/);
    // No password was made up for them.
    expect(
      (
        await world.portal
          .anonymous()
          .post('/auth/login', { email: 'new.person@acme.test', password: TEST_PASSWORD })
      ).statusCode,
    ).toBe(401);
  });

  it('signs an existing member in as themselves, the first time and after', async () => {
    for (let i = 0; i < 2; i++) {
      const run = await signInThroughProvider(world.portal, 'boss@acme.test', 'idp-pass-boss');
      const me = (await (await clientAfter(world.portal, run.callback)).get('/me')).json();
      expect(me.user).toMatchObject({ id: world.boss.id, email: 'boss@acme.test' });
      expect(me.accounts[0]).toMatchObject({ id: world.acme, role: 'admin' });
    }
  });

  for (const [what, misbehave, reason] of [
    ['a wrong audience', { audience: 'some-other-client' }, /"aud"/],
    ['a wrong nonce', { nonce: 'not-the-nonce-of-this-sign-in' }, /nonce/],
    ['a wrong issuer', { issuer: 'https://impostor.example' }, /"iss"/],
    ['an expired token', { expiresInSeconds: -300 }, /"exp"/],
    ['a signature by another key', { signWithForeignKey: true }, /signature verification failed/],
  ] as const) {
    it(`refuses an ID token with ${what}`, async () => {
      world.portal.clock.advance(1000); // ids sort by time: this refusal is the newest
      world.provider.misbehave = misbehave;
      const run = await signInThroughProvider(world.portal, 'boss@acme.test', 'idp-pass-boss');
      expect(run.callback.statusCode).toBe(302);
      expect(run.callback.headers.location).toBe('/sign-in/sso?error=id_token_invalid');
      expect(run.callback.cookies.find((c) => c.name === 'lp_session')).toBeUndefined();
      const refusal = await world.portal.container.store.db
        .selectFrom('audit_log')
        .select('data')
        .where('action', '=', 'sso.sign_in_refused')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(refusal.data!).detail).toMatch(reason);
    });
  }

  it('refuses a callback in another browser, and the same callback twice', async () => {
    const elsewhere = await signInThroughProvider(world.portal, 'boss@acme.test', 'idp-pass-boss', {
      sameBrowser: false,
    });
    expect(elsewhere.callback.headers.location).toBe('/sign-in/sso?error=sign_in_expired');
    const run = await signInThroughProvider(world.portal, 'boss@acme.test', 'idp-pass-boss');
    expect(run.callback.headers.location).toBe('/');
    const replay = await callbackWith(world.portal, run.callbackUrl, run.binding);
    expect(replay.headers.location).toBe('/sign-in/sso?error=sign_in_expired');
  });

  it('lets exactly one of two racing callbacks with the same state sign in', async () => {
    const start = await world.portal.anonymous().post('/auth/sso/start', { email: 'boss@acme.test' });
    const binding = start.cookies.find((c) => c.name === 'lp_sso')!.value;
    const state = new URL(start.json().redirectUrl as string).searchParams.get('state')!;
    const callbackUrl = new URL(`http://portal.test/api/v1/auth/sso/callback?code=any&state=${state}`);
    const results = await Promise.all([
      callbackWith(world.portal, callbackUrl, binding),
      callbackWith(world.portal, callbackUrl, binding),
    ]);
    // One takes the state (and then fails at the provider with a made-up code); the other finds it taken.
    expect(results.map((r) => r.headers.location).sort()).toEqual([
      '/sign-in/sso?error=provider_refused',
      '/sign-in/sso?error=sign_in_expired',
    ]);
  });

  it('refuses a sign-in that took more than ten minutes', async () => {
    const start = await world.portal.anonymous().post('/auth/sso/start', { email: 'boss@acme.test' });
    world.portal.clock.advance(11 * 60_000);
    const state = new URL(start.json().redirectUrl).searchParams.get('state')!;
    const res = await callbackWith(
      world.portal,
      new URL(`http://portal.test/api/v1/auth/sso/callback?code=x&state=${state}`),
      start.cookies.find((c) => c.name === 'lp_sso')!.value,
    );
    expect(res.headers.location).toBe('/sign-in/sso?error=sign_in_expired');
  });

  it("does not believe the provider about an address outside the account's verified domains", async () => {
    // Acme's provider signs in someone whose address is at a domain Acme has not proven it owns.
    const run = await signInThroughProvider(world.portal, 'boss@acme.test', 'idp-pass-2', {
      atProviderAs: 'someone@elsewhere.test',
    });
    const res = run.callback;
    expect(res.headers.location).toBe('/sign-in/sso?error=domain_not_verified');
  });

  it('refuses people who are not members when the account takes no just-in-time members', async () => {
    await world.admin.put(`/accounts/${world.acme}/identity-provider`, {
      issuer: world.provider.issuer,
      clientId: 'licensing-portal',
      jitRole: null,
    });
    world.provider.addUser({
      sub: 'idp-new-2',
      email: 'late.comer@acme.test',
      password: 'idp-pass-3',
      name: 'Late Comer',
    });
    const run = await signInThroughProvider(world.portal, 'late.comer@acme.test', 'idp-pass-3');
    expect(run.callback.headers.location).toBe('/sign-in/sso?error=not_a_member');
    const users = await world.portal.container.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'late.comer@acme.test')
      .execute();
    expect(users).toEqual([]);
    await world.admin.put(`/accounts/${world.acme}/identity-provider`, {
      issuer: world.provider.issuer,
      clientId: 'licensing-portal',
      jitRole: 'member',
    });
  });
});
