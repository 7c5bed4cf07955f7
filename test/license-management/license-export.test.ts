import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csvCell } from '../../src/server/modules/license-management/csv-cells.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { licenseFactory } from './license-factory.js';

describeEachDialect('license CSV export', (dialect) => {
  let portal: TestPortal;
  let accountId: string;
  let admin: Client;
  let recipient: Client;
  let recipientAccount: string;
  let sku: string;
  let bulkSku: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    const lf = licenseFactory(portal);
    accountId = (await f.account('customer', 'Exporter Inc')).id;
    admin = await portal.signIn((await f.user([{ accountId, role: 'admin' }])).email);
    recipientAccount = (await f.account('customer', 'Receiver')).id;
    const recipientEmail = (await f.user([{ accountId: recipientAccount, role: 'member' }])).email;
    recipient = await portal.signIn(recipientEmail);
    const product = await lf.product({ name: 'Data Mesh' });
    sku = product.sku;
    await admin.post(`/accounts/${accountId}/custom-fields`, { name: 'cost_center', type: 'text' });
    portal.clock.advance(5);
    await admin.post(`/accounts/${accountId}/custom-fields`, { name: 'seats', type: 'number' });
    const cells = { formula: '=HYPERLINK("http://evil.test","x")', plus: '+1 555 0100', minus: '-2', at: '@SUM(A1)', quoted: 'Acme, "Ltd"', plain: 'CC-7' };
    for (const [name, value] of Object.entries(cells)) {
      portal.clock.advance(5);
      ids[name] = (await lf.license(accountId, product.id, { host_id: name === 'plain' ? '=cmd' : null, expires_at: '2027-06-30' })).id;
      const res = await admin.put(`/accounts/${accountId}/licenses/${ids[name]}/custom-fields`, { values: { cost_center: value, seats: name === 'plain' ? 7 : null } });
      expect(res.statusCode, res.body).toBe(200);
    }
    await admin.post(`/accounts/${accountId}/licenses/${ids.plain}/shares`, { email: recipientEmail, permission: 'view' });
    bulkSku = (await lf.product()).sku;
    await lf.bulk(2_345, accountId, (await lf.product({ sku: bulkSku.replace('VB', 'BULK') })).id);
    bulkSku = bulkSku.replace('VB', 'BULK');
  });
  afterAll(() => portal.close());

  const exportCsv = async (client: Client, accountIdOf: string, query: string) => {
    const res = await client.get(`/accounts/${accountIdOf}/licenses.csv?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="licenses.csv"');
    return parse(res.body, { columns: true }) as Record<string, string>[];
  };

  it('holds the filtered list with custom fields as columns, formulas neutralized', async () => {
    const rows = await exportCsv(admin, accountId, `product=${sku}&sort=issuedAt`);
    expect(rows.map((r) => r.licenseId)).toEqual(Object.values(ids));
    expect(Object.keys(rows[0]!)).toEqual([
      'licenseId', 'licenseKey', 'productSku', 'productName', 'version', 'quantity', 'status', 'hostId', 'serialNumber', 'issuedAt', 'notBefore',
      'expiresAt', 'maintenanceEndsAt', 'maintenance', 'sharedFrom', 'sharedPermission', 'cost_center', 'seats',
    ]);
    const byId = Object.fromEntries(rows.map((r) => [r.licenseId, r]));
    expect(byId[ids.formula!]!.cost_center).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(byId[ids.plus!]!.cost_center).toBe("'+1 555 0100");
    expect(byId[ids.minus!]!.cost_center).toBe("'-2");
    expect(byId[ids.at!]!.cost_center).toBe("'@SUM(A1)");
    expect(byId[ids.quoted!]!.cost_center).toBe('Acme, "Ltd"');
    expect(byId[ids.plain!]).toMatchObject({ cost_center: 'CC-7', seats: '7', hostId: "'=cmd", productName: 'Data Mesh', status: 'active', expiresAt: '2027-06-30', sharedFrom: '' });
  });

  it('writes each state and cell as the list shows it: expired, revoked, maintenance expiring or ended, awkward host IDs', async () => {
    const lf = licenseFactory(portal);
    const product = await lf.product({ name: 'Edge, "Gateway"' });
    const cases = [
      { expires_at: '2026-11-22', maintenance_ends_at: '2026-11-23' },
      { expires_at: '2026-11-23', maintenance_ends_at: '2026-11-22' },
      { status: 'revoked' as const, maintenance_ends_at: '2027-02-21', host_id: 'AA, "BB"' },
      { status: 'retired' as const, maintenance_ends_at: '2027-02-22', host_id: '-host' },
      { serialNumber: lf.serial(), host_id: '@x "y"' },
    ];
    for (const c of cases) {
      portal.clock.advance(5);
      await lf.license(accountId, product.id, c);
    }
    const rows = await exportCsv(admin, accountId, `product=${product.sku}`);
    const res = await admin.get(`/accounts/${accountId}/licenses?product=${product.sku}`);
    expect(res.statusCode, res.body).toBe(200);
    const listed = res.json().items as Record<string, unknown>[];
    expect(rows.map((r) => r.status)).toEqual(['active', 'retired', 'revoked', 'active', 'expired']);
    expect(rows.map((r) => r.maintenance)).toEqual(['none', 'active', 'expiring', 'expired', 'expiring']);
    expect(rows.map((r) => [r.licenseId, r.licenseKey, r.productName, r.status, r.maintenance, r.serialNumber, r.issuedAt, r.notBefore, r.expiresAt, r.maintenanceEndsAt])).toEqual(
      listed.map((l) => [l.id, l.licenseKey, 'Edge, "Gateway"', l.status, l.maintenance, l.serialNumber ?? '', l.issuedAt, l.notBefore, l.expiresAt ?? '', l.maintenanceEndsAt ?? '']),
    );
    expect(rows.map((r) => r.hostId)).toEqual(['@x "y"', "'-host", 'AA, "BB"', '', ''].map((h) => (h.startsWith('@') ? `'${h}` : h)));
  });

  it('quotes free-text cells in the query as csvCell does: a tab, carriage return or line break, a lone sign', async () => {
    const lf = licenseFactory(portal);
    const product = await lf.product();
    const hosts = ['\tTAB', '\rCR', 'a\nb', 'a\r\nb', 'x"y', '+', '', 'plain'];
    for (const host_id of hosts) {
      portal.clock.advance(5);
      await lf.license(accountId, product.id, { host_id });
    }
    const res = await admin.get(`/accounts/${accountId}/licenses.csv?product=${product.sku}&sort=issuedAt`);
    expect(res.statusCode, res.body).toBe(200);
    for (const host of hosts) expect(res.body).toContain(`,${csvCell(host)},`);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.hostId)).toEqual(["'\tTAB", "'\rCR", 'a\nb', 'a\r\nb', 'x"y', "'+", '', 'plain']);
  });

  it('streams every license of a list longer than many pages, once each', async () => {
    const rows = await exportCsv(admin, accountId, `product=${bulkSku}`);
    expect(rows).toHaveLength(2_345);
    expect(new Set(rows.map((r) => r.licenseId)).size).toBe(2_345);
    expect(rows.every((r) => r.productSku === bulkSku && r.cost_center === '' && r.seats === '')).toBe(true);
  });

  it('marks licenses shared with the person exporting', async () => {
    const rows = await exportCsv(recipient, recipientAccount, 'shared=true');
    expect(rows.map((r) => [r.licenseId, r.sharedFrom, r.sharedPermission])).toEqual([[ids.plain, 'Exporter Inc', 'view']]);
  });

  it('answers 404 to another account and 401 without a session, before any byte of CSV', async () => {
    expect((await recipient.get(`/accounts/${accountId}/licenses.csv`)).statusCode).toBe(404);
    expect((await portal.anonymous().get(`/accounts/${accountId}/licenses.csv`)).statusCode).toBe(401);
    const bad = await admin.get(`/accounts/${accountId}/licenses.csv?field.colour=red`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('field.colour');
  });
});
