import { afterAll, beforeAll, expect, it } from 'vitest';
import { activate, fetchSigningKeys, validate, verifyLicenseFile } from '../../sdk/src/index.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { holdings } from '../downloads/fixtures.js';

/** The product's side end to end: the SDK against a listening portal, as a product would use it. */
describeEachDialect('SDK against the portal', (dialect) => {
  let portal: TestPortal;
  let portalUrl: string;
  let licenseKey: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    portalUrl = await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const h = holdings(portal);
    const acme = (await factories(portal).account('customer', 'SDK Co')).id;
    licenseKey = (await h.license(acme, (await h.product({ unit: 'server' })).id, { quantity: 1 })).licenseKey;
  });
  afterAll(() => portal.close());

  it('activates, verifies the host-bound file offline, validates, and is refused a second host', async () => {
    const activation = await activate({ portalUrl, licenseKey, hostId: 'sdk-host', hostName: 'build-01', timeoutMs: 5_000 });
    expect(activation.ok).toBe(true);
    if (!activation.ok) return;
    const keys = await fetchSigningKeys({ portalUrl });
    expect(keys.ok).toBe(true);
    if (!keys.ok) return;
    const offline = verifyLicenseFile(activation.licenseFile, keys.jwks, { hostId: 'sdk-host', now: portal.clock.now() });
    expect(offline).toMatchObject({ valid: true, payload: { hostId: 'sdk-host', licenseKey } });
    expect(verifyLicenseFile(activation.licenseFile, keys.jwks, { hostId: 'other-host', now: portal.clock.now() }).code).toBe('HOST_MISMATCH');

    expect(await validate({ portalUrl, licenseKey, hostId: 'sdk-host' })).toMatchObject({ ok: true, valid: true, code: 'VALID' });
    expect(await validate({ portalUrl, licenseKey, hostId: 'sdk-other' })).toMatchObject({ ok: true, valid: false, code: 'NOT_ACTIVATED' });
    expect(await activate({ portalUrl, licenseKey, hostId: 'sdk-other' })).toMatchObject({ ok: false, code: 'REJECTED', status: 409, errorCode: 'too_many_activations' });
  });
});
