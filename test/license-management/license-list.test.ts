import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TLicenseListItem } from '../../src/contracts/license-management.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { licenseFactory } from './license-factory.js';

describeEachDialect('license list: filters, sort and search', (dialect) => {
  let portal: TestPortal;
  let accountId: string;
  let alice: Client;
  let backup: { id: string; sku: string };
  let vault23: { id: string; sku: string };
  let other: { id: string; sku: string };
  const ids: Record<string, string> = {};
  let serial: string;
  let keyOfHost: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    const f = factories(portal);
    const lf = licenseFactory(portal);
    accountId = (await f.account('customer', 'Globex')).id;
    const { email } = await f.user([{ accountId, role: 'admin' }]);
    alice = await portal.signIn(email);
    backup = await lf.product({ name: 'Vault Backup Server', product_line: 'Vault Backup', version: '22' });
    vault23 = await lf.product({ name: 'Vault Backup Server', product_line: 'Vault Backup', version: '23' });
    other = await lf.product({ name: 'Edge Gateway', product_line: 'Edge Gateway', version: '5' });
    serial = lf.serial();
    ids.perpetual = (await lf.license(accountId, backup.id, { host_id: 'HOST-ALPHA-01', serialNumber: serial })).id;
    portal.clock.advance(1000);
    ids.expired = (await lf.license(accountId, backup.id, { expires_at: '2026-11-22', host_id: 'host-beta-02' })).id;
    portal.clock.advance(1000);
    ids.lastDay = (await lf.license(accountId, vault23.id, { expires_at: '2026-11-23' })).id;
    portal.clock.advance(1000);
    ids.nextYear = (await lf.license(accountId, vault23.id, { expires_at: '2027-03-31', maintenance_ends_at: '2027-01-15' })).id;
    portal.clock.advance(1000);
    ids.revoked = (await lf.license(accountId, other.id, { status: 'revoked', expires_at: '2028-01-01' })).id;
    portal.clock.advance(1000);
    const gateway = await lf.license(accountId, other.id, { status: 'retired', host_id: 'gw-7' });
    ids.retired = gateway.id;
    keyOfHost = gateway.license_key;
    // another account's license never shows
    const foreign = (await f.account('customer', 'Initech')).id;
    await lf.license(foreign, backup.id, { host_id: 'HOST-ALPHA-99' });

    await alice.post(`/accounts/${accountId}/custom-fields`, { name: 'cost_center', type: 'text' });
    await alice.post(`/accounts/${accountId}/custom-fields`, { name: 'seats', type: 'number' });
    await alice.put(`/accounts/${accountId}/licenses/${ids.expired}/custom-fields`, { values: { cost_center: 'CC-1042', seats: 10 } });
    await alice.put(`/accounts/${accountId}/licenses/${ids.nextYear}/custom-fields`, { values: { cost_center: 'cc-2000', seats: 9 } });
    await alice.put(`/accounts/${accountId}/licenses/${ids.revoked}/custom-fields`, { values: { seats: 100 } });
  });
  afterAll(() => portal.close());

  const list = async (query: string): Promise<TLicenseListItem[]> => {
    const res = await alice.get(`/accounts/${accountId}/licenses${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const idsOf = async (query: string) => (await list(query)).map((i) => i.id);
  const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
  const namesOf = async (query: string) => (await idsOf(query)).map(nameOf);

  it('lists the account’s licenses newest first, with status derived from the expiry date', async () => {
    const items = await list('');
    expect(items.map((i) => nameOf(i.id))).toEqual(['retired', 'revoked', 'nextYear', 'lastDay', 'expired', 'perpetual']);
    const byName = Object.fromEntries(items.map((i) => [nameOf(i.id), i]));
    expect(byName.perpetual).toMatchObject({ status: 'active', serialNumber: serial, hostId: 'HOST-ALPHA-01', product: { sku: backup.sku, version: '22' }, shared: null });
    expect(byName.expired!.status).toBe('expired');
    expect(byName.lastDay!.status).toBe('active'); // its last day is today
    expect(byName.revoked!.status).toBe('revoked');
    expect(byName.retired!.status).toBe('retired');
    expect(byName.nextYear).toMatchObject({ maintenance: 'expiring', customFields: { cost_center: 'cc-2000', seats: 9 } });
  });

  it('filters by product, version, status, expiry range and host ID', async () => {
    expect(await namesOf(`product=${backup.sku}`)).toEqual(['expired', 'perpetual']);
    expect(await namesOf('version=23')).toEqual(['nextYear', 'lastDay']);
    expect(await namesOf(`product=${backup.sku}&version=23`)).toEqual([]);
    expect(await namesOf('product=NO-SUCH-SKU')).toEqual([]);
    expect(await namesOf('status=active')).toEqual(['nextYear', 'lastDay', 'perpetual']);
    expect(await namesOf('status=expired')).toEqual(['expired']);
    expect(await namesOf('status=revoked')).toEqual(['revoked']);
    expect(await namesOf('expiresAfter=2026-11-23&expiresBefore=2027-04-01&sort=-issuedAt')).toEqual(['nextYear', 'lastDay']);
    expect(await namesOf('expiresBefore=2026-11-23')).toEqual(['expired']);
    expect(await namesOf('expiresAfter=2027-01-01')).toEqual(['nextYear', 'revoked']);
    expect(await namesOf('hostId=gw-7')).toEqual(['retired']);
  });

  it('filters by custom field values, matching text without regard to case and numbers as numbers', async () => {
    expect(await namesOf('field.cost_center=cc-1042')).toEqual(['expired']);
    expect(await namesOf('field.seats=10.0')).toEqual(['expired']);
    expect(await namesOf('field.seats=9&status=active')).toEqual(['nextYear']);
    const unknown = await alice.get(`/accounts/${accountId}/licenses?field.colour=red`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ field: 'field.colour', message: expect.stringContaining('no custom field named colour') }]);
    const mistyped = await alice.get(`/accounts/${accountId}/licenses?field.seats=many`);
    expect(mistyped.json().error.details).toEqual([{ field: 'field.seats', message: 'must be a number' }]);
    expect((await alice.get(`/accounts/${accountId}/licenses?colour=red`)).statusCode).toBe(400);
  });

  it('lists by expiry when filtered by expiry and no sort is asked for', async () => {
    expect(await namesOf('expiresAfter=2026-01-01')).toEqual(['expired', 'lastDay', 'nextYear', 'revoked']);
    expect(await namesOf('status=expired&expiresAfter=2020-01-01')).toEqual(['expired']);
    const lf = licenseFactory(portal);
    const product = await lf.product();
    const older = await lf.license(accountId, product.id, { expires_at: '2026-10-01' });
    // most recently expired first
    expect(await namesOf('status=expired')).toEqual(['expired', older.id]);
    expect(await namesOf(`status=expired&product=${product.sku}`)).toEqual([older.id]);
    await portal.container.store.db.deleteFrom('licenses').where('id', '=', older.id).execute();
  });

  it('sorts by expiry, host ID and custom fields, both ways, empty values last', async () => {
    expect(await namesOf('sort=expiresAt')).toEqual(['expired', 'lastDay', 'nextYear', 'revoked', 'retired', 'perpetual'].sort(byExpiryThenId));
    expect(await namesOf('sort=expiresAt&status=active')).toEqual(['lastDay', 'nextYear', 'perpetual']);
    expect(await namesOf('sort=-expiresAt&status=active')).toEqual(['perpetual', 'nextYear', 'lastDay']);
    // host IDs compare as typed, byte by byte
    expect((await namesOf('sort=hostId')).slice(-3)).toEqual(['perpetual', 'retired', 'expired']);
    expect(await namesOf('sort=field.seats')).toEqual(['nextYear', 'expired', 'revoked', 'perpetual', 'lastDay', 'retired']);
    expect(await namesOf('sort=-field.seats')).toEqual(['revoked', 'expired', 'nextYear', 'retired', 'lastDay', 'perpetual']);
    expect((await namesOf('sort=field.cost_center')).slice(0, 2)).toEqual(['expired', 'nextYear']);
    expect((await alice.get(`/accounts/${accountId}/licenses?sort=field.colour`)).json().error.details[0].field).toBe('sort');
  });

  function byExpiryThenId(a: string, b: string) {
    const exp: Record<string, string> = { expired: '2026-11-22', lastDay: '2026-11-23', nextYear: '2027-03-31', revoked: '2028-01-01', retired: '9999', perpetual: '9999' };
    return exp[a]!.localeCompare(exp[b]!) || ids[a]!.localeCompare(ids[b]!);
  }

  it('searches the start of keys, serial numbers, host IDs and custom values, and words of products', async () => {
    expect(await namesOf(`q=${encodeURIComponent(keyOfHost.slice(0, 8).toLowerCase().replace(/-/g, ''))}`)).toEqual(['retired']);
    expect(await namesOf(`q=${serial.slice(0, 6)}`)).toEqual(['perpetual']);
    expect(await namesOf('q=HOST-ALPHA')).toEqual(['perpetual']);
    expect(await namesOf('q=host-')).toEqual(['expired']);
    expect(await namesOf('q=CC-')).toEqual(['nextYear', 'expired']);
    expect(await namesOf('q=gateway')).toEqual(['retired', 'revoked']);
    expect(await namesOf('q=gateway&status=revoked')).toEqual(['revoked']);
    expect(await namesOf('q=zzzz-nothing')).toEqual([]);
    expect(await namesOf('q=cc-1042')).toEqual(['expired']);
    expect(await namesOf('q=CC-10')).toEqual(['expired']);
  });

  it('combines search, custom-field filters and sorts', async () => {
    expect(await namesOf('q=cc-1042&sort=field.seats')).toEqual(['expired']);
    expect(await namesOf('q=cc&sort=-field.seats')).toEqual(['expired', 'nextYear']);
    expect(await namesOf('q=cc&sort=expiresAt')).toEqual(['expired', 'nextYear']);
    expect(await namesOf('field.cost_center=cc-2000&sort=field.seats')).toEqual(['nextYear']);
    expect(await namesOf('field.cost_center=cc-2000&sort=-field.cost_center')).toEqual(['nextYear']);
    expect(await namesOf('field.seats=100&sort=hostId')).toEqual(['revoked']);
    expect(await namesOf('field.seats=10&field.cost_center=CC-1042')).toEqual(['expired']);
    expect(await namesOf('field.seats=10&field.cost_center=cc-2000')).toEqual([]);
  });

  it('refuses a cursor from another sort order', async () => {
    const first = (await alice.get(`/accounts/${accountId}/licenses?limit=2&sort=expiresAt`)).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const res = await alice.get(`/accounts/${accountId}/licenses?limit=2&cursor=${first.nextCursor}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('cursor');
    expect((await alice.get(`/accounts/${accountId}/licenses?cursor=not-a-cursor`)).statusCode).toBe(400);
  });

  it('counts the filtered list by product and expiry month for the chart', async () => {
    const res = await alice.get(`/accounts/${accountId}/licenses/summary?status=active`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      total: 3,
      byProduct: expect.arrayContaining([{ sku: backup.sku, name: 'Vault Backup Server', count: 1 }, { sku: vault23.sku, name: 'Vault Backup Server', count: 2 }]),
      byExpiryMonth: [
        { month: '2026-11', count: 1 },
        { month: '2027-03', count: 1 },
        { month: 'never', count: 1 },
      ],
    });
  });
});
