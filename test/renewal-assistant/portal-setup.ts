import { expect } from 'vitest';
import type { TProductCreate } from '../../src/contracts/catalog.js';
import type { TRenewalLookupResult } from '../../src/contracts/contracts.js';
import { addDays, dateOf } from '../../src/domain/reminders/index.js';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import type { RunningPortal } from '../e2e/harness.js';
import { REGISTRATION } from '../get-a-key/setup.js';

/** A signed-in person on a running portal, over real HTTP: session cookie and CSRF token. */
export interface WebSession {
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
  get(path: string): Promise<{ status: number; json: unknown }>;
}

export async function signInOverHttp(portal: RunningPortal, email: string, password = 'portal-demo'): Promise<WebSession> {
  const login = await fetch(`${portal.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${portal.url}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  return { post: (path, body) => call('POST', path, body), get: (path) => call('GET', path) };
}

/** What alice does in the portal before the client's login: Account settings → API tokens. */
export async function createApiToken(alice: WebSession, accountId: string): Promise<string> {
  const created = await alice.post(`/accounts/${accountId}/api-tokens`, { name: 'renewal-assistant on backup-01' });
  expect(created.status).toBe(201);
  return (created.json as { token: string }).token;
}

export async function lookupWithToken(portal: RunningPortal, token: string, serialNumbers: string[]): Promise<TRenewalLookupResult['results']> {
  const response = await fetch(`${portal.url}/api/v1/renewal-assistant/lookup`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ serialNumbers }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as TRenewalLookupResult).results;
}

const PRODUCT: TProductCreate = { sku: 'RA-E2E-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'server' };

/**
 * Two maintenance contracts of Acme, one whose support registration is done and one that needs
 * contacts: from the demo data when it holds such a pair, else recorded now (the vendor's order
 * through the services, the registration by alice through Get a Key, as she would do it).
 */
export async function twoAcmeContracts(portal: RunningPortal, alice: WebSession, token: string): Promise<{ registered: string; needsContacts: string }> {
  const acme = portal.demo!.accounts.acmeAccountId;
  const listed = await alice.get(`/accounts/${acme}/maintenance-contracts?limit=100`);
  const demoSerials = listed.status === 200 ? (listed.json as { items: { serialNumber: string; state: string }[] }).items.filter((c) => c.state === 'active' || c.state === 'expiring').map((c) => c.serialNumber) : [];
  if (demoSerials.length > 0) {
    const results = await lookupWithToken(portal, token, demoSerials);
    const registered = results.find((r) => r.found && !r.needsContacts)?.serialNumber;
    const needsContacts = results.find((r) => r.found && r.needsContacts)?.serialNumber;
    if (registered && needsContacts) return { registered, needsContacts };
  }

  const system = { actor: systemActor('test'), ip: null };
  const { container } = portal;
  await container.catalog.createProduct(system, PRODUCT);
  const today = dateOf(new Date());
  const order = await container.orders.createOrder(system, {
    accountId: acme,
    lines: [
      { productSku: PRODUCT.sku, quantity: 2, maintenance: { startsAt: today, endsAt: addDays(today, 200) } },
      { productSku: PRODUCT.sku, quantity: 1, maintenance: { startsAt: today, endsAt: addDays(today, 250) } },
    ],
  });
  const [first, second] = order.certificate.lines;
  const gotKey = await alice.post(`/accounts/${acme}/get-a-key`, { serialNumber: first!.serialNumber, registration: REGISTRATION });
  expect(gotKey.status).toBe(200);
  return { registered: first!.maintenanceSerialNumber!, needsContacts: second!.maintenanceSerialNumber! };
}
