import { calculateJwkThumbprint } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLicenseFile } from '../../sdk/src/index.js';
import { createContainer } from '../../src/server/container.js';
import { decryptPrivateKey } from '../../src/domain/signing/index.js';
import { createTestDatabase } from '../harness/databases.js';
import { describeEachDialect, startTestPortal, testConfig, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, REGISTRATION, type World } from './setup.js';
import { verifyWithJose, verifyWithOpenssl } from './verify-independently.js';

describeEachDialect('signing keys and license files', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
  });
  afterAll(() => portal.close());

  async function issueOne() {
    const { serials } = await orderEverything(portal, world);
    const member = await portal.signIn(world.users.member.email);
    const res = await member.post(`/accounts/${world.customer.id}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION });
    expect(res.statusCode, res.body).toBe(200);
    const license = res.json().licenses[0];
    const file = (await member.get(`/accounts/${world.customer.id}/licenses/${license.id}/file`)).json();
    return { license, file };
  }
  const jwks = async () => (await portal.anonymous().get('/signing-keys')).json();

  describe('happy', () => {
    it('publishes the active key as a JWKS to anyone, its kid the RFC 7638 thumbprint', async () => {
      const res = await portal.anonymous().get('/signing-keys');
      expect(res.statusCode).toBe(200);
      const [key] = res.json().keys;
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key.d).toBeUndefined();
      expect(key.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: key.x }));
    });

    it('signs files that jose, OpenSSL and the SDK verify with only the JWKS; one changed byte fails', async () => {
      const { file } = await issueOne();
      const keys = await jwks();
      expect(await verifyWithJose(file, keys)).toBe(true);
      expect(await verifyWithOpenssl(file, keys)).toBe(true);
      expect(verifyLicenseFile(file, keys, { now: portal.clock.now() })).toMatchObject({ valid: true, code: 'VALID' });

      const tampered = structuredClone(file);
      tampered.payload.quantity += 1;
      expect(await verifyWithJose(tampered, keys)).toBe(false);
      expect(await verifyWithOpenssl(tampered, keys)).toBe(false);
      expect(verifyLicenseFile(tampered, keys, { now: portal.clock.now() }).code).toBe('BAD_SIGNATURE');

      const key = file.payload.licenseKey as string;
      const oneByte = { ...file, payload: { ...file.payload, licenseKey: (key[0] === 'A' ? 'B' : 'A') + key.slice(1) } };
      expect(await verifyWithJose(oneByte, keys)).toBe(false);
      const sig = Buffer.from(file.signature, 'base64url');
      sig[10]! ^= 1;
      expect(await verifyWithJose({ ...file, signature: sig.toString('base64url') }, keys)).toBe(false);
    });

    it('after a rotation signs with the new key, and old and new files both verify', async () => {
      const before = await issueOne();
      const rotated = await world.vendor.post('/admin/signing-keys/rotate');
      expect(rotated.statusCode).toBe(200);
      expect(rotated.json()).toEqual({ kid: expect.any(String), previousKid: before.file.kid });
      const after = await issueOne();
      expect(after.file.kid).toBe(rotated.json().kid);
      const keys = await jwks();
      expect(keys.keys.map((k: { kid: string }) => k.kid)).toEqual([rotated.json().kid, before.file.kid]);
      for (const { file } of [before, after]) {
        expect(await verifyWithJose(file, keys)).toBe(true);
        expect(await verifyWithOpenssl(file, keys)).toBe(true);
      }
      const audit = (await world.vendor.get('/admin/audit?action=signing_key.rotated')).json().items;
      expect(audit[0]).toMatchObject({ targetId: rotated.json().kid, data: { previousKid: before.file.kid } });
    });

    it('stores private keys sealed with the portal secret', async () => {
      const rows = await portal.container.store.db.selectFrom('signing_keys').selectAll().execute();
      for (const row of rows) {
        expect(row.private_key).toMatch(/^v1\./);
        expect(decryptPrivateKey(row.private_key, portal.config.secret).asymmetricKeyType).toBe('ed25519');
        expect(() => decryptPrivateKey(row.private_key, 'another-secret-another-secret-000')).toThrow();
      }
    });
  });

  describe('security', () => {
    it('lets only vendor admins rotate', async () => {
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.post('/admin/signing-keys/rotate')).statusCode).toBe(403);
      const admin = await portal.signIn(world.users.admin.email);
      expect((await admin.post('/admin/signing-keys/rotate')).statusCode).toBe(404);
      expect((await portal.anonymous().post('/admin/signing-keys/rotate')).statusCode).toBe(401);
    });
  });

  describe('several instances', () => {
    it('ends up with one active key when two instances start at once', async () => {
      const database = await createTestDatabase(dialect);
      const config = testConfig(database);
      const a = createContainer(config, { database: database.handle, mailer: null });
      const b = createContainer(config, { database: database.reopen(), mailer: null });
      try {
        const [ka, kb] = await Promise.all([a.signingKeys.ensureActive(), b.signingKeys.ensureActive()]);
        expect(ka.kid).toBe(kb.kid);
        const active = await database.handle.db.selectFrom('signing_keys').select('kid').where('state', '=', 'active').execute();
        expect(active).toEqual([{ kid: ka.kid }]);
        // one instance rotates; the other signs with the new key from its next use on
        await a.signingKeys.rotate({ actor: { kind: 'system', label: 'test' }, ip: null });
        const next = await b.signingKeys.activeKey();
        expect(next.kid).not.toBe(kb.kid);
        expect(next.kid).toBe((await a.signingKeys.activeKey()).kid);
      } finally {
        await database.drop();
      }
    });
  });
});
