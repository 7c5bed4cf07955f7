import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { licenseFactory } from './license-factory.js';

describeEachDialect('custom fields and values', (dialect) => {
  let portal: TestPortal;
  let accountId: string;
  let admin: Client;
  let member: Client;
  let viewer: Client;
  let licenses: { id: string; license_key: string }[];
  let foreignLicense: { id: string; license_key: string };

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    const lf = licenseFactory(portal);
    accountId = (await f.account()).id;
    admin = await portal.signIn((await f.user([{ accountId, role: 'admin' }])).email);
    member = await portal.signIn((await f.user([{ accountId, role: 'member' }])).email);
    viewer = await portal.signIn((await f.user([{ accountId, role: 'viewer' }])).email);
    const product = await lf.product();
    licenses = await lf.licenses(4, accountId, product.id);
    foreignLicense = await lf.license((await f.account()).id, product.id);
  });
  afterAll(() => portal.close());

  const values = async (licenseId: string) => {
    const item = (await admin.get(`/accounts/${accountId}/licenses?limit=500`)).json().items.find((i: { id: string }) => i.id === licenseId);
    return item.customFields as Record<string, unknown>;
  };

  describe('definitions', () => {
    it('are created by the account’s admins', async () => {
      const created = await admin.post(`/accounts/${accountId}/custom-fields`, { name: 'cost_center', label: 'Cost center', type: 'text', required: true });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ name: 'cost_center', label: 'Cost center', type: 'text', required: true, choices: null });
      for (const body of [
        { name: 'seats', type: 'number' },
        { name: 'renewal', type: 'date' },
        { name: 'tier', type: 'choice', choices: ['Gold', 'Silver'] },
      ]) {
        portal.clock.advance(10); // fields list in the order they were created
        expect((await admin.post(`/accounts/${accountId}/custom-fields`, body)).statusCode).toBe(201);
      }
      expect((await viewer.get(`/accounts/${accountId}/custom-fields`)).json().items.map((f: { name: string }) => f.name)).toEqual(['cost_center', 'seats', 'renewal', 'tier']);
      expect((await member.post(`/accounts/${accountId}/custom-fields`, { name: 'other', type: 'text' })).statusCode).toBe(403);
    });

    it('refuse bad names, choice fields without choices, and a name twice', async () => {
      const post = (body: object) => admin.post(`/accounts/${accountId}/custom-fields`, body);
      for (const name of ['Cost', '1st', 'has-dash', 'a'.repeat(41), '']) {
        const res = await post({ name, type: 'text' });
        expect(res.statusCode, name).toBe(400);
        expect(res.json().error.details[0].field).toBe('name');
      }
      expect((await post({ name: 'ok', type: 'choice' })).json().error.details[0].field).toBe('choices');
      expect((await post({ name: 'ok', type: 'text', choices: ['a'] })).json().error.details[0].field).toBe('choices');
      expect((await post({ name: 'ok', type: 'colour' })).json().error.details[0].field).toBe('type');
      expect((await post({ name: 'seats', type: 'text' })).statusCode).toBe(409);
    });
  });

  describe('values of one license', () => {
    it('are checked by type and stored in canonical form', async () => {
      const res = await member.put(`/accounts/${accountId}/licenses/${licenses[0]!.id}/custom-fields`, { values: { cost_center: ' CC-1 ', seats: '12.50', renewal: '2027-02-28', tier: 'gold' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ licenseId: licenses[0]!.id, values: { cost_center: 'CC-1', seats: 12.5, renewal: '2027-02-28', tier: 'Gold' } });
    });

    it('refuse every fault at once, naming each field, and change nothing', async () => {
      const res = await member.put(`/accounts/${accountId}/licenses/${licenses[0]!.id}/custom-fields`, {
        values: { cost_center: null, seats: 'twelve', renewal: '2027-02-30', tier: 'Bronze', colour: 'red', notes: 'x' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details).toEqual([
        { field: 'values.cost_center', message: 'is required' },
        { field: 'values.seats', message: 'must be a number' },
        { field: 'values.renewal', message: 'must be a date, YYYY-MM-DD' },
        { field: 'values.tier', message: 'must be one of: Gold, Silver' },
        { field: 'values.colour', message: 'there is no custom field named colour in this account' },
        { field: 'values.notes', message: 'there is no custom field named notes in this account' },
      ]);
      expect(await values(licenses[0]!.id)).toEqual({ cost_center: 'CC-1', seats: 12.5, renewal: '2027-02-28', tier: 'Gold' });
      const long = await member.put(`/accounts/${accountId}/licenses/${licenses[0]!.id}/custom-fields`, { values: { tier: 'Gold', cost_center: 'x'.repeat(501) } });
      expect(long.json().error.details).toEqual([{ field: 'values.cost_center', message: 'is longer than 500 characters' }]);
    });

    it('clear a field that is not required', async () => {
      const res = await member.put(`/accounts/${accountId}/licenses/${licenses[0]!.id}/custom-fields`, { values: { tier: null, seats: '' } });
      expect(res.json().values).toEqual({ cost_center: 'CC-1', renewal: '2027-02-28' });
    });

    it('are not the viewer’s to change', async () => {
      expect((await viewer.put(`/accounts/${accountId}/licenses/${licenses[0]!.id}/custom-fields`, { values: { seats: 1 } })).statusCode).toBe(403);
    });
  });

  describe('bulk edit of a selection', () => {
    it('sets the same values on every license', async () => {
      const ids = licenses.slice(1).map((l) => l.id);
      const res = await member.put(`/accounts/${accountId}/custom-fields/values`, { licenseIds: ids, values: { tier: 'Silver', seats: 3 } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ updated: 3 });
      const found = (await admin.get(`/accounts/${accountId}/licenses?field.tier=silver`)).json().items.map((i: { id: string }) => i.id);
      expect(found.sort()).toEqual([...ids].sort());
    });

    it('changes nothing when one license of the selection is not the account’s', async () => {
      const res = await member.put(`/accounts/${accountId}/custom-fields/values`, { licenseIds: [licenses[1]!.id, foreignLicense.id], values: { tier: 'Gold' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'licenseIds.1', message: 'no such license' }]);
      expect((await values(licenses[1]!.id)).tier).toBe('Silver');
      expect((await viewer.put(`/accounts/${accountId}/custom-fields/values`, { licenseIds: [licenses[1]!.id], values: { tier: 'Gold' } })).statusCode).toBe(400);
    });
  });

  describe('CSV import', () => {
    const importCsv = (client: Client, csv: string) => client.request('POST', `/accounts/${accountId}/custom-fields/import`, csv, { 'content-type': 'text/csv' });

    it('applies the good rows and reports each refused row with its faults', async () => {
      const [a, b, c] = licenses;
      const typo = `${a!.license_key.slice(0, -1)}${a!.license_key.endsWith('0') ? '1' : '0'}`;
      const csv = [
        'licenseKey,cost_center,seats,tier',
        `${a!.license_key.toLowerCase()},CC-9,7,silver`,
        `${b!.license_key},,42,`,
        `${typo},CC-X,1,Gold`,
        `${foreignLicense.license_key},CC-Y,1,Gold`,
        `${c!.license_key},CC-Z,lots,Platinum`,
      ].join('\n');
      const res = await importCsv(member, csv);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        updated: 2,
        rejected: [
          { row: 4, errors: [{ field: 'licenseKey', message: 'check character does not match — look for a mistyped character' }] },
          { row: 5, errors: [{ field: 'licenseKey', message: 'no such license in this account' }] },
          {
            row: 6,
            errors: [
              { field: 'seats', message: 'must be a number' },
              { field: 'tier', message: 'must be one of: Gold, Silver' },
            ],
          },
        ],
      });
      expect(await values(a!.id)).toMatchObject({ cost_center: 'CC-9', seats: 7, tier: 'Silver' });
      // an empty cell leaves the value as it was
      expect(await values(b!.id)).toMatchObject({ seats: 42, tier: 'Silver' });
      expect((await values(c!.id)).cost_center).toBeUndefined();
    });

    it('refuses a file naming an unknown column or no license column, and the viewer', async () => {
      const unknown = await importCsv(member, `licenseKey,colour\n${licenses[0]!.license_key},red`);
      expect(unknown.json().error.details).toEqual([{ field: 'columns.colour', message: 'is not a custom field of this account' }]);
      expect((await importCsv(member, 'cost_center\nCC-1')).json().error.details[0].field).toBe('file');
      expect((await importCsv(member, '')).statusCode).toBe(400);
      expect((await importCsv(viewer, `licenseKey,seats\n${licenses[0]!.license_key},1`)).statusCode).toBe(403);
    });

    it('takes the same file as JSON, as the browser sends it', async () => {
      const res = await member.post(`/accounts/${accountId}/custom-fields/import`, { csv: `licenseKey,seats\n${licenses[3]!.license_key},99` });
      expect(res.json()).toEqual({ updated: 1, rejected: [] });
      expect((await values(licenses[3]!.id)).seats).toBe(99);
    });
  });
});
