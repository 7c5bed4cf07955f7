import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateLicenseKey } from '../../src/domain/identifiers/index.js';
import { findLicensesByKey } from '../../src/server/modules/activation/keyed-license.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { holdings } from '../downloads/fixtures.js';

describeEachDialect('license validation', (dialect) => {
  let portal: TestPortal;
  let acme: string;
  let h: ReturnType<typeof holdings>;
  let serverProduct: string;
  let lockedProduct: string;
  let userProduct: string;

  const validate = (body: Record<string, unknown>, remoteAddress = '203.0.113.7') =>
    portal.app.inject({ method: 'POST', url: '/api/v1/validate', payload: body, remoteAddress });
  const codeOf = async (licenseKey: string, hostId?: string) => {
    const res = await validate({ licenseKey, ...(hostId === undefined ? {} : { hostId }) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().code as string;
  };

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    h = holdings(portal);
    acme = (await factories(portal).account('customer', 'Acme Validation')).id;
    serverProduct = (await h.product({ unit: 'server' })).id;
    lockedProduct = (await h.product({ unit: 'socket', nodeLocked: true })).id;
    userProduct = (await h.product({ unit: 'user' })).id;
  });
  afterAll(() => portal.close());

  it('answers VALID with what a product may show, and when the license ends', async () => {
    const license = await h.license(acme, serverProduct, { quantity: 4, expiresAt: '2027-03-31', maintenanceEndsAt: '2027-03-31' });
    const res = await validate({ licenseKey: license.licenseKey });
    expect(res.json()).toEqual({
      valid: true,
      code: 'VALID',
      expiresAt: '2027-03-31',
      license: expect.objectContaining({ id: license.id, quantity: 4, unit: 'server', features: ['backup', 'restore'], hostId: null, maintenanceEndsAt: '2027-03-31' }),
    });
  });

  it('answers NOT_ACTIVATED for a per-server host without a seat, VALID once it holds one', async () => {
    const license = await h.license(acme, serverProduct, { quantity: 2 });
    expect(await codeOf(license.licenseKey, 'srv-1')).toBe('NOT_ACTIVATED');
    expect((await portal.anonymous().post('/activations', { licenseKey: license.licenseKey, hostId: 'srv-1' })).statusCode).toBe(200);
    expect(await codeOf(license.licenseKey, 'srv-1')).toBe('VALID');
    expect(await codeOf(license.licenseKey, 'srv-2')).toBe('NOT_ACTIVATED');
  });

  it('answers HOST_MISMATCH for a node-locked license asked about another host, or about none', async () => {
    const license = await h.license(acme, lockedProduct, { hostId: 'locked-host' });
    expect(await codeOf(license.licenseKey, 'locked-host')).toBe('VALID');
    expect(await codeOf(license.licenseKey, 'other-host')).toBe('HOST_MISMATCH');
    expect(await codeOf(license.licenseKey)).toBe('HOST_MISMATCH');
  });

  it('answers VALID for a host of a license that does not count servers', async () => {
    const license = await h.license(acme, userProduct, { quantity: 25 });
    expect(await codeOf(license.licenseKey, 'any-host')).toBe('VALID');
  });

  it('answers EXPIRED after the last valid day, and VALID through that day', async () => {
    const lastDay = await h.license(acme, serverProduct, { expiresAt: '2026-11-23' });
    const ended = await h.license(acme, serverProduct, { expiresAt: '2026-11-22' });
    expect(await codeOf(lastDay.licenseKey)).toBe('VALID');
    const res = await validate({ licenseKey: ended.licenseKey });
    expect(res.json()).toMatchObject({ valid: false, code: 'EXPIRED', expiresAt: '2026-11-22' });
  });

  it('answers REVOKED for a revoked or retired license, and NOT_YET_VALID before its term', async () => {
    const revoked = await h.license(acme, serverProduct, { status: 'revoked' });
    const retired = await h.license(acme, serverProduct, { status: 'retired' });
    const later = await h.license(acme, serverProduct, { notBefore: new Date('2027-01-01T00:00:00.000Z') });
    expect(await codeOf(revoked.licenseKey)).toBe('REVOKED');
    expect(await codeOf(retired.licenseKey)).toBe('REVOKED');
    expect(await codeOf(later.licenseKey)).toBe('NOT_YET_VALID');
  });

  it('answers NOT_FOUND (200) for a well-formed unknown key, and 400 for a mistyped one', async () => {
    const res = await validate({ licenseKey: '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ valid: false, code: 'NOT_FOUND', license: null, expiresAt: null });
    const typo = await validate({ licenseKey: '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CX' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'licenseKey', message: expect.any(String) }] });
    expect((await validate({ hostId: 'x' })).statusCode).toBe(400);
  });

  it('slows an address that guesses keys: 429 with Retry-After, then even for a real key from it', async () => {
    const real = await h.license(acme, userProduct);
    const guesser = '198.51.100.9';
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const key = generateLicenseKey();
      statuses.push((await validate({ licenseKey: key }, guesser)).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const blocked = await validate({ licenseKey: real.licenseKey }, guesser);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await validate({ licenseKey: real.licenseKey }, '198.51.100.10')).json().code).toBe('VALID');
    portal.clock.advance(601_000);
    expect((await validate({ licenseKey: real.licenseKey }, guesser)).json().code).toBe('VALID');
  });

  /** Questions with their expected code, several about one license, an unknown key among them. */
  async function mixedQuestions() {
    const seated = await h.license(acme, serverProduct, { quantity: 2 });
    expect((await portal.anonymous().post('/activations', { licenseKey: seated.licenseKey, hostId: 'srv-a' })).statusCode).toBe(200);
    const locked = await h.license(acme, lockedProduct, { hostId: 'locked-b' });
    const revoked = await h.license(acme, serverProduct, { status: 'revoked' });
    const asked: { licenseKey: string; hostId: string | undefined; id: string | null; code: string }[] = [
      { licenseKey: seated.licenseKey, hostId: undefined, id: seated.id, code: 'VALID' },
      { licenseKey: seated.licenseKey, hostId: 'srv-a', id: seated.id, code: 'VALID' },
      { licenseKey: seated.licenseKey, hostId: 'srv-x', id: seated.id, code: 'NOT_ACTIVATED' },
      { licenseKey: locked.licenseKey, hostId: 'locked-b', id: locked.id, code: 'VALID' },
      { licenseKey: locked.licenseKey, hostId: 'other', id: locked.id, code: 'HOST_MISMATCH' },
      { licenseKey: revoked.licenseKey, hostId: undefined, id: revoked.id, code: 'REVOKED' },
      { licenseKey: generateLicenseKey(), hostId: 'srv-a', id: null, code: 'NOT_FOUND' },
    ];
    return asked;
  }

  it('reads many keys in one batch and answers each question with its own license and host', async () => {
    const asked = await mixedQuestions();
    const questions = [...asked, ...asked.slice().reverse()];
    const answers = await findLicensesByKey(portal.container.store.db, questions);
    expect(answers.map((license) => license?.id ?? null)).toEqual(questions.map((q) => q.id));
    expect(answers.map((license) => (license ? license.activation_id !== null : null))).toEqual(
      questions.map((q) => (q.id === null ? null : q.licenseKey === questions[0]!.licenseKey && q.hostId === 'srv-a')),
    );
  });

  it('answers validations that arrive together, each with its own code', async () => {
    const asked = await mixedQuestions();
    const rounds = [...asked, ...asked, ...asked].reverse();
    const answers = await Promise.all(rounds.map((q) => validate({ licenseKey: q.licenseKey, ...(q.hostId ? { hostId: q.hostId } : {}) }, '198.51.100.20')));
    expect(answers.map((res) => [res.json().code, res.json().license?.id ?? null])).toEqual(rounds.map((q) => [q.code, q.id]));
  });
});
