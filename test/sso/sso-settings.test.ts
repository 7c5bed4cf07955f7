import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, TEST_PASSWORD } from '../harness/portal.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  clientAfter,
  signInThroughProvider,
  startSsoWorld,
  verifyDomainThroughDns,
} from './sso-fixture.js';

describeEachDialect('single sign-on settings', (dialect) => {
  let world: Awaited<ReturnType<typeof startSsoWorld>>;
  let vendorAdmin: Awaited<ReturnType<typeof world.portal.signIn>>;
  let vendorId: string;

  beforeAll(async () => {
    world = await startSsoWorld(dialect);
    vendorId = await world.f.vendorAccountId();
    vendorAdmin = await world.portal.signIn(
      (await world.f.user([{ accountId: vendorId, role: 'admin' }])).email,
    );
  });
  afterAll(() => world.close());

  it('shows the provider without its secret, and keeps the secret sealed at rest', async () => {
    const shown = (await world.admin.get(`/accounts/${world.acme}/identity-provider`)).json();
    expect(shown).toMatchObject({
      issuer: world.provider.issuer,
      clientId: CLIENT_ID,
      hasClientSecret: true,
      jitRole: 'member',
      redirectUri: 'http://portal.test/api/v1/auth/sso/callback',
    });
    expect(JSON.stringify(shown)).not.toContain(CLIENT_SECRET);
    const row = await world.portal.container.store.db
      .selectFrom('identity_providers')
      .select('client_secret_sealed')
      .where('account_id', '=', world.acme)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(CLIENT_SECRET);
    expect(row.client_secret_sealed).toMatch(/^s1\./);
  });

  it('tells a wrong issuer when it is saved, naming the field', async () => {
    const unreachable = await world.admin.put(`/accounts/${world.acme}/identity-provider`, {
      issuer: 'http://127.0.0.1:9/',
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().error.details[0].field).toBe('issuer');
    const plainHttp = await world.admin.put(`/accounts/${world.acme}/identity-provider`, {
      issuer: 'http://login.example.com',
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(plainHttp.json().error.details[0]).toEqual({
      field: 'issuer',
      message: 'must be an https:// URL',
    });
    expect((await world.admin.get(`/accounts/${world.acme}/identity-provider`)).json().clientId).toBe(
      CLIENT_ID,
    );
  });

  it('keeps a domain to the first account that claims it, and verifies only with the TXT record', async () => {
    const other = (await world.f.account('customer', 'Other Co')).id;
    const otherAdmin = await world.portal.signIn(
      (await world.f.user([{ accountId: other, role: 'admin' }])).email,
    );
    const taken = await otherAdmin.post(`/accounts/${other}/sso-domains`, { domain: 'acme.test' });
    expect(taken.statusCode).toBe(409);
    const claimed = (
      await otherAdmin.post(`/accounts/${other}/sso-domains`, { domain: 'Other.TEST' })
    ).json();
    expect(claimed).toMatchObject({
      domain: 'other.test',
      verified: false,
      dnsRecord: { type: 'TXT', name: '_licensing-portal.other.test' },
    });
    const notYet = await otherAdmin.post(`/accounts/${other}/sso-domains/other.test/verify`);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.message).toContain(claimed.dnsRecord.value);
    world.dns.txt.set('_licensing-portal.other.test', ['licensing-portal-verification=someone-elses-token']);
    expect((await otherAdmin.post(`/accounts/${other}/sso-domains/other.test/verify`)).statusCode).toBe(409);
    expect(
      (await otherAdmin.post(`/accounts/${other}/sso-domains`, { domain: 'not a domain' })).json().error
        .details[0].field,
    ).toBe('domain');
    // Vendor staff may vouch for a domain themselves, e.g. for a customer without DNS access.
    expect((await vendorAdmin.post('/admin/sso-domains/other.test/verify')).json().verified).toBe(true);
  });

  it('gives a domain claimed by two accounts at once to exactly one', async () => {
    const claimants = await Promise.all(
      ['First Co', 'Second Co'].map(async (name) => {
        const id = (await world.f.account('customer', name)).id;
        return {
          id,
          admin: await world.portal.signIn((await world.f.user([{ accountId: id, role: 'admin' }])).email),
        };
      }),
    );
    const results = await Promise.all(
      claimants.map((c) => c.admin.post(`/accounts/${c.id}/sso-domains`, { domain: 'contested.test' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('leaves the settings to the account admin', async () => {
    const member = await world.portal.signIn(
      (await world.f.user([{ accountId: world.acme, role: 'member' }])).email,
    );
    expect((await member.get(`/accounts/${world.acme}/identity-provider`)).statusCode).toBe(403);
    expect(
      (await member.post(`/accounts/${world.acme}/sso-domains`, { domain: 'sub.acme.test' })).statusCode,
    ).toBe(403);
    const foreign = (await world.f.account('customer')).id;
    const stranger = await world.portal.signIn(
      (await world.f.user([{ accountId: foreign, role: 'admin' }])).email,
    );
    expect((await stranger.get(`/accounts/${world.acme}/identity-provider`)).statusCode).toBe(404);
    expect((await stranger.delete(`/accounts/${world.acme}/sso-domains/acme.test`)).statusCode).toBe(404);
  });

  it('requires single sign-on only from an admin who came through it, and then refuses passwords', async () => {
    const member = await world.f.user([{ accountId: world.acme, role: 'member' }], 'member.sso@acme.test');
    const memberSession = await world.portal.signIn(member.email);
    const byPassword = await world.admin.put(`/accounts/${world.acme}/sign-in-policy`, { ssoRequired: true });
    expect(byPassword.statusCode).toBe(409);
    expect(byPassword.json().error.message).toMatch(/sign in through the identity provider yourself/);

    const adminViaSso = await clientAfter(
      world.portal,
      (await signInThroughProvider(world.portal, 'boss@acme.test', 'idp-pass-boss')).callback,
    );
    const required = await adminViaSso.put(`/accounts/${world.acme}/sign-in-policy`, { ssoRequired: true });
    expect(required.json()).toMatchObject({ ssoRequired: true });
    expect((await memberSession.get('/me')).statusCode).toBe(401); // password sessions of members ended
    expect((await adminViaSso.get('/me')).statusCode).toBe(200);

    const refused = await world.portal
      .anonymous()
      .post('/auth/login', { email: member.email, password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'sso_required',
      message: expect.stringContaining('Acme SSO signs in through its identity provider'),
    });
    const wrongPassword = await world.portal
      .anonymous()
      .post('/auth/login', { email: member.email, password: 'wrong-password' });
    expect(wrongPassword.json().error.code).toBe('invalid_credentials'); // nothing told before the password is right
    expect((await adminViaSso.delete(`/accounts/${world.acme}/identity-provider`)).statusCode).toBe(409);

    // The vendor is the way back, e.g. when the provider is down.
    expect(
      (await vendorAdmin.put(`/accounts/${world.acme}/sign-in-policy`, { ssoRequired: false })).json()
        .ssoRequired,
    ).toBe(false);
    expect(
      (await world.portal.anonymous().post('/auth/login', { email: member.email, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it("signs the vendor's staff in through the vendor's provider, existing staff only", async () => {
    const staff = await world.f.user([{ accountId: vendorId, role: 'admin' }], 'ops@vendor-sso.test');
    world.provider.addUser({
      sub: 'idp-ops',
      email: 'ops@vendor-sso.test',
      password: 'idp-pass-ops',
      name: 'Ops',
    });
    world.provider.addUser({
      sub: 'idp-intruder',
      email: 'new.hire@vendor-sso.test',
      password: 'idp-pass-new',
      name: 'New Hire',
    });
    const jit = await vendorAdmin.put(`/accounts/${vendorId}/identity-provider`, {
      issuer: world.provider.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      jitRole: 'support',
    });
    expect(jit.json().error.details[0].field).toBe('jitRole');
    expect(
      (
        await vendorAdmin.put(`/accounts/${vendorId}/identity-provider`, {
          issuer: world.provider.issuer,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          jitRole: null,
        })
      ).statusCode,
    ).toBe(200);
    await verifyDomainThroughDns(vendorAdmin, world.dns, vendorId, 'vendor-sso.test');

    const run = await signInThroughProvider(world.portal, staff.email, 'idp-pass-ops');
    const client = await clientAfter(world.portal, run.callback);
    const me = (await client.get('/me')).json();
    expect(me).toMatchObject({ user: { id: staff.id }, vendorRole: 'admin' });
    expect(me.signInRestriction).toBeUndefined(); // the provider answers for how its staff prove who they are
    expect((await client.get('/admin/accounts')).statusCode).toBe(200);

    const intruder = await signInThroughProvider(world.portal, 'new.hire@vendor-sso.test', 'idp-pass-new');
    expect(intruder.callback.headers.location).toBe('/sign-in/sso?error=not_a_member');
  });
});
