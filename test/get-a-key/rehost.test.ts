import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyLicenseFile } from '../../sdk/src/index.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, REGISTRATION, type World } from './setup.js';

const DAY = 24 * 3600 * 1000;

describeEachDialect('re-host', (dialect) => {
  let portal: TestPortal;
  let world: World;
  let member: Client;
  let a: string;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
    a = world.customer.id;
  });
  afterAll(() => portal.close());
  // a fresh session each time: some tests move the clock past a session's life
  beforeEach(async () => {
    member = await portal.signIn(world.users.member.email);
    world.vendor = await portal.signIn(world.users.vendorAdmin.email);
  });

  async function agentLicense(hostId = 'HOST-A') {
    const { serials } = await orderEverything(portal, world);
    const res = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.agent, registration: REGISTRATION, hostId });
    return { license: res.json().licenses[0], serials };
  }
  const rehost = (licenseId: string, hostId: string, client = member) => client.post(`/accounts/${a}/licenses/${licenseId}/rehost`, { hostId });

  describe('happy', () => {
    it('moves a node-locked license: a new file for the new host, the old license revoked', async () => {
      const { license: old, serials } = await agentLicense();
      const res = await rehost(old.id, 'HOST-B');
      expect(res.statusCode, res.body).toBe(200);
      const { license, revokedLicenseId, rehostsLeft } = res.json();
      expect({ revokedLicenseId, rehostsLeft }).toEqual({ revokedLicenseId: old.id, rehostsLeft: 1 });
      expect(license).toMatchObject({ hostId: 'HOST-B', source: 'rehost', replacesLicenseId: old.id, serialNumber: serials.agent, quantity: old.quantity, status: 'active' });
      expect(license.licenseKey).not.toBe(old.licenseKey);
      const jwks = (await portal.anonymous().get('/signing-keys')).json();
      expect(verifyLicenseFile(license.file, jwks, { now: portal.clock.now(), hostId: 'HOST-B' }).code).toBe('VALID');
      expect(verifyLicenseFile(license.file, jwks, { now: portal.clock.now(), hostId: 'HOST-A' }).code).toBe('HOST_MISMATCH');
      expect((await member.get(`/accounts/${a}/licenses/${old.id}`)).json()).toMatchObject({ status: 'revoked', revokedAt: portal.clock.now().toISOString() });

      const lookup = (await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.agent })).json();
      expect(lookup.licenses.map((l: { id: string }) => l.id)).toEqual([license.id]);
      const audit = (await world.vendor.get(`/admin/audit?target=${old.id}&action=license.rehosted`)).json().items;
      expect(audit[0]).toMatchObject({ targetType: 'license', data: { fromHostId: 'HOST-A', toHostId: 'HOST-B', newLicenseId: license.id } });
      const mail = (await world.vendor.get(`/admin/outbox?to=${REGISTRATION.technicalContact.email}&limit=500`)).json().items;
      expect(mail.some((m: { text: string }) => m.text.includes(license.licenseKey))).toBe(true);
    });
  });

  describe('errors', () => {
    it('enforces the re-hosts a year over the last 365 days (422 rehost_limit_reached)', async () => {
      const { license: first } = await agentLicense();
      const second = (await rehost(first.id, 'HOST-B')).json().license;
      portal.clock.advance(100 * DAY);
      member = await portal.signIn(world.users.member.email);
      const third = (await rehost(second.id, 'HOST-C')).json();
      expect(third.rehostsLeft).toBe(0);
      const refused = await rehost(third.license.id, 'HOST-D');
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'rehost_limit_reached', message: expect.stringContaining('2 re-hosts in any 365 days') });
      expect((await member.get(`/accounts/${a}/licenses/${third.license.id}`)).json().status).toBe('active');
      portal.clock.advance(266 * DAY); // the first re-host is now more than 365 days ago
      member = await portal.signIn(world.users.member.email);
      const again = await rehost(third.license.id, 'HOST-D');
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().rehostsLeft).toBe(0);
    });

    it('refuses what is not a re-host', async () => {
      const { license } = await agentLicense();
      expect((await rehost(license.id, 'HOST-A')).json().error.details).toEqual([{ field: 'hostId', message: expect.stringContaining('already') }]);
      expect((await rehost(license.id, '')).statusCode).toBe(400);
      const moved = (await rehost(license.id, 'HOST-B')).json().license;
      const revoked = await rehost(license.id, 'HOST-C');
      expect(revoked.statusCode).toBe(409);
      expect(moved.hostId).toBe('HOST-B');
      const { serials } = await orderEverything(portal, world);
      const server = (await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).json().licenses[0];
      const notLocked = await rehost(server.id, 'HOST-B');
      expect(notLocked.statusCode).toBe(409);
      expect(notLocked.json().error.message).toContain('not node-locked');
    });

    it('lets one of several re-hosts of the same license at once win', async () => {
      const { license } = await agentLicense();
      const answers = await Promise.all(['H1', 'H2', 'H3', 'H4'].map((h) => rehost(license.id, h)));
      expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(3);
      const lineage = await portal.container.store.db.selectFrom('licenses').select('id').where('replaces_license_id', '=', license.id).execute();
      expect(lineage).toHaveLength(1);
    });
  });

  describe('security', () => {
    it('is for members and admins of the account (and its partner), not viewers or strangers', async () => {
      const { license } = await agentLicense();
      const viewer = await portal.signIn(world.users.viewer.email);
      expect((await rehost(license.id, 'HOST-V', viewer)).statusCode).toBe(403);
      const stranger = await portal.signIn(world.users.stranger.email);
      expect((await rehost(license.id, 'HOST-S', stranger)).statusCode).toBe(404);
      expect((await stranger.post(`/accounts/${world.other.id}/licenses/${license.id}/rehost`, { hostId: 'HOST-S' })).statusCode).toBe(404);
      expect((await rehost(license.id, 'HOST-X', portal.anonymous())).statusCode).toBe(401);
      expect((await member.get(`/accounts/${a}/licenses/${license.id}`)).json().status).toBe('active');
    });

    it('is for a user of another account the license is shared with to manage, not to view', async () => {
      const { license } = await agentLicense();
      const admin = await portal.signIn(world.users.admin.email);
      const stranger = await portal.signIn(world.users.stranger.email);
      const shareWith = async (permission: 'view' | 'manage') => {
        const res = await admin.post(`/accounts/${a}/licenses/${license.id}/shares`, { email: world.users.stranger.email, permission });
        expect(res.statusCode, res.body).toBeLessThan(300);
      };
      const viaOther = (hostId: string) => stranger.post(`/accounts/${world.other.id}/licenses/${license.id}/rehost`, { hostId });

      await shareWith('view');
      expect((await viaOther('HOST-VIEW')).statusCode).toBe(403);
      await shareWith('manage');
      const moved = await viaOther('HOST-MANAGED');
      expect(moved.statusCode, moved.body).toBe(200);
      // The new license stays with the account that holds the old one.
      const fresh = await member.get(`/accounts/${a}/licenses/${moved.json().license.id}`);
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().hostId).toBe('HOST-MANAGED');
      expect((await member.get(`/accounts/${a}/licenses/${license.id}`)).json().status).toBe('revoked');
    });
  });
});
