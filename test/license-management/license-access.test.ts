import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type AccountGrant, type Actor } from '../../src/server/modules/auth/actor.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { licenseFactory } from './license-factory.js';

/**
 * Shares grant exactly what they say, to exactly one person; a revoked share grants nothing; an
 * account that is not yours shows nothing at all.
 */
describeEachDialect('license shares and access', (dialect) => {
  let portal: TestPortal;
  let owner: { id: string; name: string };
  let recipientAccount: string;
  let foreignAccount: string;
  let ownerAdmin: Client;
  let ownerMember: Client;
  let bob: Client; // member of the recipient account, the one shares go to
  let bobEmail: string;
  let carol: Client; // another member of the recipient account: no share
  let eve: Client; // a foreign account's admin
  let licenseId: string;
  let otherLicenseId: string;
  let shareId: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    const lf = licenseFactory(portal);
    owner = await f.account('customer', 'Owner Corp');
    recipientAccount = (await f.account('customer', 'Recipient Ltd')).id;
    foreignAccount = (await f.account('customer', 'Foreign GmbH')).id;
    ownerAdmin = await portal.signIn((await f.user([{ accountId: owner.id, role: 'admin' }])).email);
    ownerMember = await portal.signIn((await f.user([{ accountId: owner.id, role: 'member' }])).email);
    bobEmail = (await f.user([{ accountId: recipientAccount, role: 'viewer' }], `bob-${dialect}@recipient.test`)).email;
    bob = await portal.signIn(bobEmail);
    carol = await portal.signIn((await f.user([{ accountId: recipientAccount, role: 'admin' }])).email);
    eve = await portal.signIn((await f.user([{ accountId: foreignAccount, role: 'admin' }])).email);
    const product = await lf.product({ name: 'Key Keeper' });
    licenseId = (await lf.license(owner.id, product.id, { host_id: 'kk-host-1' })).id;
    otherLicenseId = (await lf.license(owner.id, product.id)).id;
    await lf.license(recipientAccount, product.id);
    expect((await ownerAdmin.post(`/accounts/${owner.id}/custom-fields`, { name: 'site', type: 'text' })).statusCode).toBe(201);
  });
  afterAll(() => portal.close());

  const access = () => portal.container.licenseManagement.access;
  /** The actor a request of this client carries, as the auth plugin builds it. */
  const actorOf = async (client: Client): Promise<Actor> => {
    const me = (await client.get('/me')).json();
    const grants = new Map<string, AccountGrant>(me.accounts.map((a: { id: string; role: AccountGrant['role'] }) => [a.id, { role: a.role, via: 'membership' }]));
    return { kind: 'user', userId: me.user.id, email: me.user.email, name: me.user.name, vendorRole: null, vendorAccountId: null, grants, sessionIdHash: null };
  };
  const listOf = async (client: Client, accountId: string, query = '') => (await client.get(`/accounts/${accountId}/licenses${query}`)).json().items as { id: string; shared: unknown }[];

  describe('before any share', () => {
    it('a foreign account sees nothing: 404 on the owner’s routes, and nothing of it in its own list', async () => {
      for (const path of [`/accounts/${owner.id}/licenses`, `/accounts/${owner.id}/licenses.csv`, `/accounts/${owner.id}/licenses/summary`, `/accounts/${owner.id}/licenses/${licenseId}/history`, `/accounts/${owner.id}/licenses/${licenseId}/shares`, `/accounts/${owner.id}/custom-fields`]) {
        const res = await eve.get(path);
        expect(res.statusCode, path).toBe(404);
      }
      expect((await eve.put(`/accounts/${owner.id}/licenses/${licenseId}/custom-fields`, { values: { site: 'x' } })).statusCode).toBe(404);
      expect((await eve.post(`/accounts/${owner.id}/licenses/${licenseId}/shares`, { email: bobEmail, permission: 'view' })).statusCode).toBe(404);
      // through its own account, the license does not exist either
      expect(await listOf(eve, foreignAccount)).toEqual([]);
      expect((await eve.get(`/accounts/${foreignAccount}/licenses/${licenseId}/history`)).statusCode).toBe(404);
      expect((await eve.put(`/accounts/${foreignAccount}/licenses/${licenseId}/custom-fields`, { values: { site: 'x' } })).statusCode).toBe(404);
      expect(await access().canRead(await actorOf(eve), foreignAccount, licenseId)).toBe(false);
    });

    it('the recipient-to-be sees none of the owner’s licenses', async () => {
      expect((await listOf(bob, recipientAccount)).map((i) => i.id)).not.toContain(licenseId);
      expect(await access().canRead(await actorOf(bob), recipientAccount, licenseId)).toBe(false);
    });
  });

  describe('a view share', () => {
    beforeAll(async () => {
      const res = await ownerAdmin.post(`/accounts/${owner.id}/licenses/${licenseId}/shares`, { email: bobEmail.toUpperCase(), permission: 'view' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ licenseId, email: bobEmail, permission: 'view' });
      shareId = res.json().id;
    });

    it('shows the license in the recipient’s list, marked as shared, and only that one', async () => {
      const items = await listOf(bob, recipientAccount);
      const shared = items.filter((i) => i.shared);
      expect(shared).toEqual([expect.objectContaining({ id: licenseId, shared: { permission: 'view', fromAccount: { id: owner.id, name: 'Owner Corp' } } })]);
      expect(items.map((i) => i.id)).not.toContain(otherLicenseId);
      expect((await listOf(bob, recipientAccount, '?shared=true')).map((i) => i.id)).toEqual([licenseId]);
      expect((await listOf(bob, recipientAccount, '?shared=false')).map((i) => i.id)).not.toContain(licenseId);
      expect((await listOf(bob, recipientAccount, '?q=kk-host')).map((i) => i.id)).toEqual([licenseId]);
    });

    it('is for that person only: a colleague in the same account and the account’s token see nothing', async () => {
      expect((await listOf(carol, recipientAccount)).map((i) => i.id)).not.toContain(licenseId);
      expect((await carol.get(`/accounts/${recipientAccount}/licenses/${licenseId}/history`)).statusCode).toBe(404);
      const token = (await carol.post(`/accounts/${recipientAccount}/api-tokens`, { name: 'ci' })).json().token as string;
      expect((await portal.bearer(token).get(`/accounts/${recipientAccount}/licenses?shared=true`)).json().items).toEqual([]);
    });

    it('lets the recipient read it (history, file per LicenseAccess) but not change it', async () => {
      const history = await bob.get(`/accounts/${recipientAccount}/licenses/${licenseId}/history`);
      expect(history.statusCode).toBe(200);
      // what happened is shown; who did it in the other account is not
      expect(history.json().items[0]).toMatchObject({ action: 'license.shared', actor: 'Owner Corp', partnerAccountId: null });
      const actor = await actorOf(bob);
      expect(await access().canRead(actor, recipientAccount, licenseId)).toBe(true);
      expect(await access().canManage(actor, recipientAccount, licenseId)).toBe(false);
      const edit = await bob.put(`/accounts/${recipientAccount}/licenses/${licenseId}/custom-fields`, { values: { site: 'Lab' } });
      expect(edit.statusCode).toBe(403);
      expect((await bob.put(`/accounts/${recipientAccount}/custom-fields/values`, { licenseIds: [licenseId], values: { site: 'Lab' } })).statusCode).toBe(400);
      // nor pass it on, nor reach the owner's account
      expect((await bob.post(`/accounts/${recipientAccount}/licenses/${licenseId}/shares`, { email: 'x@y.test', permission: 'view' })).statusCode).toBe(403);
      expect((await bob.get(`/accounts/${owner.id}/licenses`)).statusCode).toBe(404);
    });

    it('e-mails the recipient', async () => {
      const mail = await portal.container.outbox.list({ limit: 10, to: bobEmail });
      expect(mail.items.map((m) => m.subject)).toContain('Owner Corp shared a license with you');
    });
  });

  describe('a manage share', () => {
    beforeAll(async () => {
      portal.clock.advance(1000); // history is newest first: each step at its own time
      const res = await ownerAdmin.post(`/accounts/${owner.id}/licenses/${licenseId}/shares`, { email: bobEmail, permission: 'manage' });
      expect(res.statusCode).toBe(200); // the same share, its permission changed
      expect(res.json()).toMatchObject({ id: shareId, permission: 'manage' });
    });

    it('also lets the recipient edit custom values, against the owner’s fields', async () => {
      portal.clock.advance(1000);
      const res = await bob.put(`/accounts/${recipientAccount}/licenses/${licenseId}/custom-fields`, { values: { site: 'Lab 2' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().values).toEqual({ site: 'Lab 2' });
      expect((await bob.put(`/accounts/${recipientAccount}/licenses/${licenseId}/custom-fields`, { values: { colour: 'red' } })).json().error.details).toEqual([
        { field: 'values.colour', message: 'there is no custom field named colour in this account' },
      ]);
      expect(await access().canManage(await actorOf(bob), recipientAccount, licenseId)).toBe(true);
      const owned = (await ownerAdmin.get(`/accounts/${owner.id}/licenses?field.site=lab 2`)).json().items;
      expect(owned.map((i: { id: string }) => i.id)).toEqual([licenseId]);
    });
  });

  describe('after revoking', () => {
    beforeAll(async () => {
      portal.clock.advance(1000);
      expect((await ownerMember.delete(`/accounts/${owner.id}/licenses/${licenseId}/shares/${shareId}`)).statusCode).toBe(403);
      expect((await ownerAdmin.delete(`/accounts/${owner.id}/licenses/${licenseId}/shares/${shareId}`)).statusCode).toBe(204);
    });

    it('grants nothing', async () => {
      expect((await listOf(bob, recipientAccount)).map((i) => i.id)).not.toContain(licenseId);
      expect((await bob.get(`/accounts/${recipientAccount}/licenses/${licenseId}/history`)).statusCode).toBe(404);
      expect((await bob.put(`/accounts/${recipientAccount}/licenses/${licenseId}/custom-fields`, { values: { site: 'x' } })).statusCode).toBe(404);
      const actor = await actorOf(bob);
      expect(await access().canRead(actor, recipientAccount, licenseId)).toBe(false);
      expect(await access().canManage(actor, recipientAccount, licenseId)).toBe(false);
      expect((await ownerAdmin.delete(`/accounts/${owner.id}/licenses/${licenseId}/shares/${shareId}`)).statusCode).toBe(404);
    });

    it('is in the license’s history', async () => {
      const actions = (await ownerAdmin.get(`/accounts/${owner.id}/licenses/${licenseId}/history`)).json().items.map((e: { action: string }) => e.action);
      expect(actions.slice(0, 4)).toEqual(['license.share_revoked', 'license.custom_fields_set', 'license.shared', 'license.shared']);
    });
  });

  it('refuses a share to an unknown person, to the account’s own people, and a made-up permission', async () => {
    const share = (body: object) => ownerAdmin.post(`/accounts/${owner.id}/licenses/${licenseId}/shares`, body);
    expect((await share({ email: 'nobody@nowhere.test', permission: 'view' })).json().error.details[0].field).toBe('email');
    const member = (await ownerMember.get('/me')).json().user.email;
    expect((await share({ email: member, permission: 'view' })).json().error.details[0]).toEqual({ field: 'email', message: expect.stringContaining('user of this account already') });
    expect((await share({ email: bobEmail, permission: 'own' })).statusCode).toBe(400);
    expect((await ownerAdmin.post(`/accounts/${owner.id}/licenses/lic_nope/shares`, { email: bobEmail, permission: 'view' })).statusCode).toBe(404);
    await portal.container.licenseManagement.access.reach(systemActor(), owner.id, licenseId, 'operate');
  });
});
