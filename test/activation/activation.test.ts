import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { holdings } from '../downloads/fixtures.js';

describeEachDialect('product activation', (dialect) => {
  let portal: TestPortal;
  let product: Client;
  let acme: string;
  let member: Client;
  let viewer: Client;
  let foreign: Client;
  let h: ReturnType<typeof holdings>;
  let perServer: { id: string; sku: string };

  const activate = (licenseKey: string, hostId: string, hostName?: string) => product.post('/activations', { licenseKey, hostId, ...(hostName ? { hostName } : {}) });
  const seats = async (licenseId: string) =>
    Number((await portal.container.store.db.selectFrom('activation_counts').select('active').where('license_id', '=', licenseId).executeTakeFirst())?.active ?? 0);
  const activationCount = async (licenseId: string) =>
    (await portal.container.store.db.selectFrom('activations').select('id').where('license_id', '=', licenseId).execute()).length;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    h = holdings(portal);
    acme = (await f.account('customer', 'Acme Activation')).id;
    const other = (await f.account('customer', 'Other Co')).id;
    member = await portal.signIn((await f.user([{ accountId: acme, role: 'member' }])).email);
    viewer = await portal.signIn((await f.user([{ accountId: acme, role: 'viewer' }])).email);
    foreign = await portal.signIn((await f.user([{ accountId: other, role: 'admin' }])).email);
    product = portal.anonymous();
    perServer = await h.product({ unit: 'server' });
  });
  afterAll(() => portal.close());

  it('answers a host-bound license file that verifies with nothing but the published JWKS', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 2 });
    const res = await activate(license.licenseKey.toLowerCase().replaceAll('-', ' '), 'host-a', 'build-server');
    expect(res.statusCode, res.body).toBe(200);
    const { activationId, licenseFile } = res.json();
    expect(activationId).toMatch(/^act_/);
    expect(licenseFile.payload).toMatchObject({ licenseId: license.id, licenseKey: license.licenseKey, hostId: 'host-a', kind: 'license' });

    // Verified as a product would, with OpenSSL through node:crypto and the JWKS alone.
    const jwk = (await product.get('/signing-keys')).json().keys.find((k: { kid: string }) => k.kid === licenseFile.kid);
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sorted(x)])) : v;
    const signed = Buffer.from(JSON.stringify(sorted(licenseFile.payload)));
    expect(verify(null, signed, createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(licenseFile.signature, 'base64url'))).toBe(true);
  });

  it('returns the same activation when the same host activates again, using no second seat', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 1 });
    const first = (await activate(license.licenseKey, 'host-same')).json();
    const again = await activate(license.licenseKey, 'host-same');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first);
    expect(await seats(license.id)).toBe(1);
  });

  it('refuses activations past the quantity with 409 too_many_activations, until a seat is freed', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 2 });
    expect((await activate(license.licenseKey, 'h1')).statusCode).toBe(200);
    const second = (await activate(license.licenseKey, 'h2')).json();
    const third = await activate(license.licenseKey, 'h3');
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('too_many_activations');

    const freed = await product.delete(`/activations/${second.activationId}`, { licenseKey: license.licenseKey });
    expect(freed.statusCode).toBe(204);
    expect((await activate(license.licenseKey, 'h3')).statusCode).toBe(200);
    expect(await seats(license.id)).toBe(2);
  });

  it('holds the quantity when many hosts activate at the same moment', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 3 });
    const racers = Array.from({ length: 12 }, (_, i) => `race-${i}`);
    const results = await Promise.all(racers.map((host) => activate(license.licenseKey, host)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array(3).fill(200), ...Array(9).fill(409)]);
    expect(await activationCount(license.id)).toBe(3);
    expect(await seats(license.id)).toBe(3);
  });

  it('gives one activation to one host activating many times at once', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 5 });
    const results = await Promise.all(Array.from({ length: 8 }, () => activate(license.licenseKey, 'twin-host')));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(new Set(results.map((r) => r.json().activationId)).size).toBe(1);
    expect(await seats(license.id)).toBe(1);
  });

  it('refuses revoked, expired and foreign-host licenses, and an unknown or mistyped key, changing nothing', async () => {
    const revoked = await h.license(acme, perServer.id, { status: 'revoked' });
    const expired = await h.license(acme, perServer.id, { expiresAt: '2026-01-31' });
    const locked = await h.license(acme, (await h.product({ unit: 'server', nodeLocked: true })).id, { hostId: 'the-host' });
    expect((await activate(revoked.licenseKey, 'x')).json().error.code).toBe('license_not_active');
    expect((await activate(expired.licenseKey, 'x')).json().error.code).toBe('license_not_active');
    const elsewhere = await activate(locked.licenseKey, 'another-host');
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.code).toBe('host_mismatch');
    expect((await activate(locked.licenseKey, 'the-host')).statusCode).toBe(200);

    const typo = await activate('7QK2M-ZD4HX-A0P3R-W8N6T-JB5CX', 'x');
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.details).toEqual([expect.objectContaining({ field: 'licenseKey' })]);
    const unknown = await activate('7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN', 'x');
    expect(unknown.statusCode).toBe(404);
    for (const l of [revoked, expired]) expect(await activationCount(l.id)).toBe(0);
  });

  it('lets a member deactivate from the license page, and nobody else', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 1 });
    const { activationId } = (await activate(license.licenseKey, 'page-host', 'Page Host')).json();
    const listed = await viewer.get(`/accounts/${acme}/licenses/${license.id}/activations`);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: activationId, hostId: 'page-host', hostName: 'Page Host', source: 'online' })]);

    expect((await product.delete(`/activations/${activationId}`)).statusCode).toBe(401);
    expect((await product.delete(`/activations/${activationId}`, { licenseKey: (await h.license(acme, perServer.id)).licenseKey })).statusCode).toBe(404);
    expect((await foreign.delete(`/activations/${activationId}`)).statusCode).toBe(404);
    expect((await viewer.delete(`/activations/${activationId}`)).statusCode).toBe(403);
    expect((await foreign.get(`/accounts/${acme}/licenses/${license.id}/activations`)).statusCode).toBe(404);
    expect(await seats(license.id)).toBe(1);

    expect((await member.delete(`/activations/${activationId}`)).statusCode).toBe(204);
    expect((await member.delete(`/activations/${activationId}`)).statusCode).toBe(404);
    expect(await seats(license.id)).toBe(0);
    const audit = await portal.container.store.db.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', license.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['license.activated', 'license.deactivated']));
  });

  it('activates offline: the request file uploaded on the license page answers the host-bound file', async () => {
    const license = await h.license(acme, perServer.id, { quantity: 1 });
    const request = { format: 'lp-activation-request-1', licenseKey: license.licenseKey, hostId: 'air-gapped-01', hostName: 'vault' };
    const res = await member.post(`/accounts/${acme}/licenses/${license.id}/offline-activations`, request);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.lic"$/);
    expect(res.json()).toMatchObject({ format: 'lp-license-1', payload: { hostId: 'air-gapped-01', licenseId: license.id } });
    const listed = (await member.get(`/accounts/${acme}/licenses/${license.id}/activations`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ hostId: 'air-gapped-01', source: 'offline', id: res.headers['activation-id'] })]);

    const other = await h.license(acme, perServer.id);
    const mismatched = await member.post(`/accounts/${acme}/licenses/${other.id}/offline-activations`, request);
    expect(mismatched.statusCode).toBe(400);
    expect(mismatched.json().error.details[0].field).toBe('licenseKey');
    expect((await viewer.post(`/accounts/${acme}/licenses/${license.id}/offline-activations`, request)).statusCode).toBe(403);
    expect((await foreign.post(`/accounts/${acme}/licenses/${license.id}/offline-activations`, request)).statusCode).toBe(404);
  });
});
