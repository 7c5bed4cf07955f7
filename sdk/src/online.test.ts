import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { activate, fetchSigningKeys, validate } from './online.js';
import { verifyLicenseFile } from './verify-license-file.js';
// Test-only: the stand-in portal signs files the way the real one does.
import { buildJwks, generateSigningKeyPair } from '../../src/domain/signing/jwks.js';
import { signLicenseFile } from '../../src/domain/signing/license-file.js';
import { aLicensePayload } from '../../src/domain/signing/payloads.test-support.js';

type Seen = { method: string; url: string; contentType: string | undefined; body: unknown };
type Handler = (seen: Seen, res: ServerResponse) => void;

const key = generateSigningKeyPair();
const jwks = buildJwks([key.publicKey]);
let server: Server;
let portalUrl: string;
let handler: Handler = () => undefined;
const seen: Seen[] = [];

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body,
      };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('activate', () => {
  it('posts the key and host and returns a license file that verifies offline for that host', async () => {
    handler = ({ body }, res) => {
      const { licenseKey, hostId } = body as { licenseKey: string; hostId: string };
      const licenseFile = signLicenseFile(aLicensePayload({ licenseKey, hostId }), {
        kid: key.kid,
        privateKey: key.privateKey,
      });
      reply(res, 201, { activationId: 'act_1', licenseFile });
    };
    const result = await activate({
      portalUrl: `${portalUrl}/`,
      licenseKey: '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN',
      hostId: 'srv-01',
      hostName: 'backup-1',
    });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/api/v1/activations',
      contentType: 'application/json',
      body: { licenseKey: '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN', hostId: 'srv-01', hostName: 'backup-1' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.activationId).toBe('act_1');
    const now = new Date('2026-06-01T00:00:00Z');
    expect(verifyLicenseFile(result.licenseFile, jwks, { now, hostId: 'srv-01' }).code).toBe('VALID');
    expect(verifyLicenseFile(result.licenseFile, jwks, { now, hostId: 'srv-02' }).code).toBe('HOST_MISMATCH');
  });

  it('keeps a path prefix of the portal URL', async () => {
    handler = (_seen, res) =>
      reply(res, 404, { error: { code: 'not_found', message: 'no such license key' } });
    await activate({ portalUrl: `${portalUrl}/licensing/`, licenseKey: 'k', hostId: 'h' });
    expect(seen.at(-1)?.url).toBe('/licensing/api/v1/activations');
  });

  it('answers REJECTED with the portal error code, e.g. too many activations', async () => {
    handler = (_seen, res) =>
      reply(res, 409, { error: { code: 'too_many_activations', message: 'all 5 seats are in use' } });
    expect(await activate({ portalUrl, licenseKey: 'k', hostId: 'h' })).toEqual({
      ok: false,
      code: 'REJECTED',
      status: 409,
      errorCode: 'too_many_activations',
      message: 'all 5 seats are in use',
      details: undefined,
    });
  });

  it('answers BAD_RESPONSE when something else answers', async () => {
    handler = (_seen, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>captive portal</html>');
    };
    expect(await activate({ portalUrl, licenseKey: 'k', hostId: 'h' })).toMatchObject({
      ok: false,
      code: 'BAD_RESPONSE',
      status: 200,
    });
    handler = (_seen, res) => reply(res, 200, { activationId: 1 });
    expect(await activate({ portalUrl, licenseKey: 'k', hostId: 'h' })).toMatchObject({
      ok: false,
      code: 'BAD_RESPONSE',
    });
  });
});

describe('validate', () => {
  it('posts the key and host and returns the portal outcome', async () => {
    handler = (_seen, res) =>
      reply(res, 200, { valid: false, code: 'REVOKED', license: { id: 'lic_1' }, expiresAt: null });
    const result = await validate({ portalUrl, licenseKey: 'KEY', hostId: 'srv-01' });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/v1/validate',
      body: { licenseKey: 'KEY', hostId: 'srv-01' },
    });
    expect(result).toEqual({
      ok: true,
      valid: false,
      code: 'REVOKED',
      license: { id: 'lic_1' },
      expiresAt: null,
    });
  });

  it('omits hostId when none is given and tolerates a null license', async () => {
    handler = (_seen, res) => reply(res, 200, { valid: false, code: 'NOT_FOUND', license: null });
    expect(await validate({ portalUrl, licenseKey: 'KEY' })).toEqual({
      ok: true,
      valid: false,
      code: 'NOT_FOUND',
      license: null,
      expiresAt: null,
    });
    expect(seen.at(-1)?.body).toEqual({ licenseKey: 'KEY' });
  });

  it('answers UNREACHABLE on a timeout', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const result = await validate({ portalUrl, licenseKey: 'KEY', timeoutMs: 150 });
    expect(result).toEqual({ ok: false, code: 'UNREACHABLE', message: 'no answer within 150 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers UNREACHABLE when nothing listens or the portal fails', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(
      await validate({ portalUrl: `http://127.0.0.1:${port}`, licenseKey: 'KEY', timeoutMs: 2000 }),
    ).toMatchObject({
      ok: false,
      code: 'UNREACHABLE',
    });
    handler = (_seen, res) => reply(res, 503, { error: { code: 'internal', message: 'down' } });
    expect(await validate({ portalUrl, licenseKey: 'KEY' })).toEqual({
      ok: false,
      code: 'UNREACHABLE',
      status: 503,
      message: 'the portal answered 503',
    });
  });

  it('refuses a portal URL that is not http(s)', async () => {
    await expect(validate({ portalUrl: 'ftp://example.test', licenseKey: 'KEY' })).rejects.toThrow(TypeError);
    await expect(validate({ portalUrl: 'not a url', licenseKey: 'KEY' })).rejects.toThrow(TypeError);
  });
});

describe('fetchSigningKeys', () => {
  it('gets the JWKS', async () => {
    handler = (_seen, res) => reply(res, 200, jwks);
    expect(await fetchSigningKeys({ portalUrl })).toEqual({ ok: true, jwks });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/api/v1/signing-keys' });
  });
});
