import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateLicenseKey } from '../../src/domain/identifiers/license-key.js';
import { holdings } from '../downloads/fixtures.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';

/**
 * Products reach `POST /api/v1/validate` through the server's fast path (validate-fast-path.ts);
 * the Fastify route behind it serves the rest. A product must not be able to tell them apart: each
 * request here is sent over a real socket (the fast path) and through the router (`inject`), and
 * both answers must be the same, status, headers that matter and body byte for byte.
 */
describeEachDialect('validation answered by the fast path', (dialect) => {
  let portal: TestPortal;
  let url: string;
  const keys: Record<string, string> = {};
  let routeCalls = 0;
  const countRouteCall = () => void routeCalls++;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    const h = holdings(portal);
    const acme = (await factories(portal).account('customer', 'Acme Fast Path')).id;
    const server = (await h.product({ unit: 'server' })).id;
    const locked = (await h.product({ unit: 'socket', nodeLocked: true })).id;
    keys.valid = (await h.license(acme, server, { quantity: 3, expiresAt: '2027-03-31', maintenanceEndsAt: '2027-03-31' })).licenseKey;
    keys.expired = (await h.license(acme, server, { expiresAt: '2026-11-22' })).licenseKey;
    keys.revoked = (await h.license(acme, server, { status: 'revoked' })).licenseKey;
    keys.later = (await h.license(acme, server, { notBefore: new Date('2027-01-01T00:00:00.000Z') })).licenseKey;
    keys.locked = (await h.license(acme, locked, { hostId: 'locked-host' })).licenseKey;
    url = await portal.app.listen({ port: 0, host: '127.0.0.1' });
    subscribe('tracing:fastify.request.handler:start', countRouteCall);
  });
  afterAll(async () => {
    unsubscribe('tracing:fastify.request.handler:start', countRouteCall);
    await portal.close();
  });

  /** Sends the same request both ways; returns the socket's answer after checking the router's is the same. */
  async function both(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    const before = routeCalls;
    const fast = await fetch(`${url}/api/v1/validate`, { method: 'POST', headers: { ...headers, 'x-forwarded-for': '198.51.100.20' }, body });
    const fastBody = await fast.text();
    expect(routeCalls, 'the request went through the router, not the fast path').toBe(before);
    const routed = await portal.app.inject({ method: 'POST', url: '/api/v1/validate', headers: { ...headers, 'x-forwarded-for': '198.51.100.21' }, payload: body });
    // The route's handler runs for answers that pass validation (refusals come from hooks before it).
    if (routed.statusCode === 200) expect(routeCalls).toBe(before + 1);
    expect(fast.status).toBe(routed.statusCode);
    expect(fast.headers.get('content-type')).toBe(routed.headers['content-type']);
    expect(fast.headers.get('retry-after')).toBe((routed.headers['retry-after'] as string | undefined) ?? null);
    expect(fastBody).toBe(routed.body);
    return { status: fast.status, body: JSON.parse(fastBody) as { code?: string; error?: { code: string } } };
  }
  const json = (value: unknown) => JSON.stringify(value);

  it('gives every validation code exactly as the route does', async () => {
    expect((await both(json({ licenseKey: keys.valid }))).body.code).toBe('VALID');
    expect((await both(json({ licenseKey: keys.expired }))).body.code).toBe('EXPIRED');
    expect((await both(json({ licenseKey: keys.revoked }))).body.code).toBe('REVOKED');
    expect((await both(json({ licenseKey: keys.later }))).body.code).toBe('NOT_YET_VALID');
    expect((await both(json({ licenseKey: keys.locked, hostId: 'locked-host' }))).body.code).toBe('VALID');
    expect((await both(json({ licenseKey: keys.locked, hostId: 'elsewhere' }))).body.code).toBe('HOST_MISMATCH');
    expect((await both(json({ licenseKey: keys.valid, hostId: 'srv-9' }))).body.code).toBe('NOT_ACTIVATED');
    // A key typed in lower case with spaces is the same key.
    expect((await both(json({ licenseKey: ` ${keys.valid!.toLowerCase()} ` }))).body.code).toBe('VALID');
    expect((await both(json({ licenseKey: keys.valid }), { 'content-type': 'application/json; charset=utf-8' })).body.code).toBe('VALID');
  });

  it('refuses bad input with the same errors', async () => {
    const mistyped = keys.valid!.slice(0, -1) + (keys.valid!.endsWith('0') ? '1' : '0');
    for (const body of ['{"licenseKey":', '', '[]', json({}), json({ licenseKey: 42 }), json({ licenseKey: mistyped }), json({ licenseKey: keys.valid, hostId: 'a\u0000b' }), json({ licenseKey: keys.valid, hostId: 'x'.repeat(5000) })]) {
      const answer = await both(body);
      expect(answer.status, body).toBe(400);
      expect(answer.body.error?.code).toBe('validation_failed');
    }
    const tooLarge = await both(json({ licenseKey: keys.valid, padding: 'x'.repeat(1024 * 1024) }));
    expect(tooLarge.status).toBe(413);
  });

  it('counts unknown keys per address and answers 429 with Retry-After, as the route does', async () => {
    const unknown = () => json({ licenseKey: generateLicenseKey() });
    let last = { status: 0, body: {} as { code?: string; error?: { code: string } } };
    for (let i = 0; i < 40 && last.status !== 429; i++) last = await both(unknown());
    expect(last.status).toBe(429);
    expect(last.body.error?.code).toBe('rate_limited');
  });

  it('leaves calls with a session cookie, a token or an Origin to the route and its checks', async () => {
    const res = await fetch(`${url}/api/v1/validate`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' }, body: json({ licenseKey: keys.valid }) });
    expect(res.status).toBe(403);
    const token = await fetch(`${url}/api/v1/validate`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer lpt_unknown' }, body: json({ licenseKey: keys.valid }) });
    expect(token.status).toBe(401);
  });

  it('counts its answers in /metrics by route and status, as the router does', async () => {
    const served = async () => {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const line = metrics.split('\n').find((l) => l.startsWith('portal_http_request_duration_seconds_count{') && l.includes('route="/api/v1/validate"') && l.includes('status="200"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const before = await served();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/api/v1/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json({ licenseKey: keys.valid }) });
      expect(res.status).toBe(200);
    }
    expect(await served()).toBe(before + 3);
  });
});
