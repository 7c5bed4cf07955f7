import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Dialect } from '../../src/server/db/database.js';
import { factories } from '../harness/factories.js';
import { Client, startTestPortal, type TestPortal } from '../harness/portal.js';
import { DnsTestServer } from './dns-test-server.js';
import { OidcTestProvider } from './oidc-test-provider.js';

export const CLIENT_ID = 'licensing-portal';
export const CLIENT_SECRET = 'provider-issued-secret-0123456789';
export const REDIRECT_URI = 'http://portal.test/api/v1/auth/sso/callback';

/** A portal, a real OpenID Connect provider and a real DNS server, with Acme's provider configured and acme.test verified. */
export async function startSsoWorld(dialect: Dialect) {
  const clock: { portal?: TestPortal } = {};
  // The provider reads the portal's test clock, so the ID tokens it signs are fresh for the portal.
  const provider = await OidcTestProvider.start(() => clock.portal?.clock.now() ?? new Date());
  const dns = await DnsTestServer.start();
  const portal = await startTestPortal(dialect, { env: { DNS_SERVERS: dns.address } });
  clock.portal = portal;
  const f = factories(portal);
  const acme = (await f.account('customer', 'Acme SSO')).id;
  const boss = await f.user([{ accountId: acme, role: 'admin' }], 'boss@acme.test');
  const admin = await portal.signIn(boss.email);
  provider.addClient(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
  provider.addUser({
    sub: 'idp-boss',
    email: 'boss@acme.test',
    password: 'idp-pass-boss',
    name: 'Boss Person',
  });

  const configured = await admin.put(`/accounts/${acme}/identity-provider`, {
    issuer: provider.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    jitRole: 'member',
  });
  expect(configured.statusCode).toBe(200);
  await verifyDomainThroughDns(admin, dns, acme, 'acme.test');
  return {
    portal,
    provider,
    dns,
    f,
    acme,
    boss,
    admin,
    close: async () => Promise.all([portal.close(), provider.close(), dns.close()]),
  };
}

export async function verifyDomainThroughDns(
  admin: Client,
  dns: DnsTestServer,
  accountId: string,
  domain: string,
) {
  const claimed = await admin.post(`/accounts/${accountId}/sso-domains`, { domain });
  expect(claimed.statusCode).toBe(201);
  const { name, value } = claimed.json().dnsRecord;
  dns.txt.set(name, ['v=spf1 -all', value]);
  const verified = await admin.post(`/accounts/${accountId}/sso-domains/${domain}/verify`);
  expect(verified.json().verified).toBe(true);
}

export interface SsoRun {
  start: LightMyRequestResponse;
  /** The provider's answer to the sign-in form: a redirect back to the portal. */
  callbackUrl: URL;
  binding: string;
  callback: LightMyRequestResponse;
}

/**
 * A browser's way through single sign-on, over real HTTP to the provider: start at the portal,
 * open the provider's page, submit its form, follow the redirect back to the portal's callback.
 */
export async function signInThroughProvider(
  portal: TestPortal,
  email: string,
  password: string,
  options: { returnTo?: string; sameBrowser?: boolean; atProviderAs?: string } = {},
): Promise<SsoRun> {
  const start = await portal.anonymous().post('/auth/sso/start', { email, returnTo: options.returnTo });
  expect(start.statusCode, start.body).toBe(200);
  const binding = start.cookies.find((c) => c.name === 'lp_sso')!.value;
  const page = await fetch(start.json().redirectUrl as string);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    form.set(m[1]!, unescapeHtml(m[2]!));
  form.set('username', options.atProviderAs ?? email);
  form.set('password', password);
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1]!, page.url);
  const posted = await fetch(action, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(posted.status, await posted.clone().text()).toBe(302);
  const callbackUrl = new URL(posted.headers.get('location')!);
  const callback = await callbackWith(
    portal,
    callbackUrl,
    options.sameBrowser === false ? undefined : binding,
  );
  return { start, callbackUrl, binding, callback };
}

export function callbackWith(portal: TestPortal, callbackUrl: URL, binding: string | undefined) {
  return portal.app.inject({
    method: 'GET',
    url: `${callbackUrl.pathname}${callbackUrl.search}`,
    headers: binding ? { cookie: `lp_sso=${binding}` } : {},
  });
}

/** The signed-in client a successful callback leaves behind. */
export async function clientAfter(portal: TestPortal, callback: LightMyRequestResponse): Promise<Client> {
  const cookie = callback.cookies.find((c) => c.name === 'lp_session');
  if (!cookie)
    throw new Error(
      `no session after the callback: ${callback.statusCode} ${String(callback.headers.location)}`,
    );
  const bare = new Client(portal.app, { cookie: `lp_session=${cookie.value}` });
  const csrf = (await bare.get('/me')).json().csrfToken as string;
  return new Client(portal.app, { cookie: `lp_session=${cookie.value}`, csrf });
}

function unescapeHtml(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );
}
