import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/server/app.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';

/**
 * Walks every route the app serves with every kind of caller. Routes declare the least they need
 * (`config.access`); this proves the declaration holds for each role, that a foreign account and
 * a foreign token learn nothing (404, the same answer as for an account that does not exist), and
 * that nothing answers without a session except the routes that are public by design.
 */
describeEachDialect('access matrix', (dialect) => {
  let portal: TestPortal;
  let acme: string;
  let callers: Record<string, Client>;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    const vendor = await f.vendorAccountId();
    acme = (await f.account('customer', 'Acme Matrix')).id;
    const partner = (await f.account('partner')).id;
    const foreign = (await f.account('customer', 'Foreign Co')).id;
    await f.delegate(acme, partner);
    const user = async (accountId: string, role: 'admin' | 'member' | 'viewer' | 'support') => portal.signIn((await f.user([{ accountId, role }])).email);
    callers = {
      vendorAdmin: await user(vendor, 'admin'),
      vendorSupport: await user(vendor, 'support'),
      admin: await user(acme, 'admin'),
      member: await user(acme, 'member'),
      viewer: await user(acme, 'viewer'),
      partner: await user(partner, 'admin'),
      foreign: await user(foreign, 'admin'),
      anonymous: portal.anonymous(),
    };
    const foreignToken = await portal.container.apiTokens.create({ actor: { kind: 'system', label: 'test' }, ip: null }, foreign, { name: 'foreign' });
    callers.foreignToken = portal.bearer(foreignToken.token);
  });
  afterAll(() => portal.close());

  const apiRoutes = (): RouteEntry[] =>
    portal.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
  const pathFor = (route: RouteEntry, accountId: string) =>
    route.url.replace(':accountId', accountId).replace(/:[A-Za-z]+/g, 'no-such-id').replace(/\*$/, 'x');
  const call = (who: string, route: RouteEntry, accountId = acme) =>
    callers[who]!.request(route.method as 'GET', pathFor(route, accountId), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
  const isAccountRoute = (r: RouteEntry) => r.url.includes(':accountId');
  const isAdminRoute = (r: RouteEntry) => r.url.startsWith('/api/v1/admin/');
  const needsSession = (r: RouteEntry) =>
    !r.config.public && (isAccountRoute(r) || isAdminRoute(r) || r.url === '/api/v1/me' || r.url.startsWith('/api/v1/partner/'));

  it('knows the routes it walks', () => {
    expect(apiRoutes().length).toBeGreaterThan(15);
  });

  it('answers 401 without a session, on every route that needs one', async () => {
    for (const route of apiRoutes().filter(needsSession)) {
      const res = await call('anonymous', route);
      expect.soft(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect.soft(res.json().error.code, `${route.method} ${route.url}`).toBe('unauthenticated');
    }
  });

  it('answers a foreign account and a foreign token exactly as an account that does not exist', async () => {
    for (const route of apiRoutes().filter((r) => needsSession(r) && isAccountRoute(r))) {
      const unknown = await call('foreign', route, 'acc_doesnotexist');
      for (const who of ['foreign', 'foreignToken']) {
        const res = await call(who, route);
        expect.soft(res.statusCode, `${who} ${route.method} ${route.url}`).toBe(404);
        expect.soft(res.body, `${who} ${route.method} ${route.url}`).toBe(unknown.body);
      }
    }
  });

  it('keeps the vendor side to vendor staff', async () => {
    for (const route of apiRoutes().filter((r) => needsSession(r) && isAdminRoute(r))) {
      for (const who of ['admin', 'member', 'viewer', 'partner', 'foreign', 'foreignToken']) {
        const res = await call(who, route);
        expect.soft(res.statusCode, `${who} ${route.method} ${route.url}`).toBe(404);
      }
      const support = await call('vendorSupport', route);
      if (route.config.access === 'vendor.write') expect.soft(support.statusCode, `support ${route.method} ${route.url}`).toBe(403);
      else expect.soft([401, 403], `support ${route.method} ${route.url}`).not.toContain(support.statusCode);
    }
  });

  it('gives each account role exactly what the route declares', async () => {
    const allowed: Record<string, string[]> = {
      'account.read': ['vendorAdmin', 'vendorSupport', 'admin', 'member', 'viewer', 'partner'],
      'account.support': ['vendorAdmin', 'vendorSupport', 'admin', 'member', 'partner'],
      'account.operate': ['vendorAdmin', 'admin', 'member', 'partner'],
      'account.manage': ['vendorAdmin', 'admin'],
    };
    for (const route of apiRoutes().filter((r) => needsSession(r) && isAccountRoute(r))) {
      const access = route.config.access ?? 'account.read';
      for (const who of ['vendorAdmin', 'vendorSupport', 'admin', 'member', 'viewer', 'partner']) {
        const res = await call(who, route);
        const label = `${who} ${route.method} ${route.url} (${access})`;
        expect.soft(res.statusCode, label).toBeLessThan(500);
        if (allowed[access]!.includes(who)) expect.soft([401, 403], label).not.toContain(res.statusCode);
        else expect.soft(res.statusCode, label).toBe(403);
      }
    }
  });

  it('never answers a 5xx or a stack trace to any caller', async () => {
    for (const route of apiRoutes()) {
      for (const who of Object.keys(callers)) {
        const res = await call(who, route);
        expect.soft(res.statusCode, `${who} ${route.method} ${route.url}`).toBeLessThan(500);
        expect.soft(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }
    }
  });
});
