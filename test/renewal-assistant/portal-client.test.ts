import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZRenewalLookup } from '../../src/contracts/contracts.js';
import { generateSerialNumber } from '../../src/domain/identifiers/index.js';
import { checkToken, lookupContracts } from '../../src/cli/renewal-assistant/portal-client.js';
import type { CliError } from '../../src/cli/renewal-assistant/errors.js';

/**
 * The client's side of the HTTP exchange, against a server that holds the lookup to its published
 * contract (`ZRenewalLookup`) and answers the way the portal fails: the real portal is exercised
 * end to end in portal.e2e.test.ts.
 */
describe('talking to the portal', () => {
  let server: Server;
  let url: string;
  const batches: number[] = [];
  let answer: 'lookup' | 'unauthorized' | 'gateway' = 'lookup';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (answer === 'gateway') {
          res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
          return;
        }
        if (answer === 'unauthorized') {
          res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'unauthenticated', message: 'the API token is unknown or revoked' } }));
          return;
        }
        const parsed = ZRenewalLookup.safeParse(JSON.parse(body));
        if (!parsed.success) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'validation_failed', message: 'invalid body' } }));
          return;
        }
        batches.push(parsed.data.serialNumbers.length);
        const results = parsed.data.serialNumbers.map((serialNumber) => ({ serialNumber, found: false, product: null, startsAt: null, endsAt: null, state: null, needsContacts: false, schedule: null }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('looks up any number of serials in lookups of at most 100', async () => {
    answer = 'lookup';
    const serials = Array.from({ length: 250 }, (_, i) => generateSerialNumber('M', String(200_000_000 + i)));
    const results = await lookupContracts({ url, token: 'lpt_x' }, serials);
    expect(results.map((r) => r.serialNumber)).toEqual(serials);
    expect(batches).toEqual([100, 100, 50]);
  });

  it('accepts a token the portal authenticates even though the empty lookup is refused as input', async () => {
    answer = 'lookup';
    await expect(checkToken({ url, token: 'lpt_x' })).resolves.toBeUndefined();
  });

  it('says what went wrong in words: a refused token, a proxy page, a portal that is not there', async () => {
    const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as CliError);
    answer = 'unauthorized';
    const refused = await failure(lookupContracts({ url, token: 'lpt_x' }, ['M3482915673']));
    expect([refused?.code, refused?.message]).toEqual(['portal_refused', 'the portal refused the API token: the API token is unknown or revoked']);

    answer = 'gateway';
    const proxy = await failure(lookupContracts({ url, token: 'lpt_x' }, ['M3482915673']));
    expect([proxy?.code, proxy?.message]).toEqual(['portal_unreachable', `the portal answered 502 without JSON: is ${url} the portal's address?`]);

    const nobody = createServer();
    await new Promise<void>((resolve) => nobody.listen(0, '127.0.0.1', resolve));
    const gone = `http://127.0.0.1:${(nobody.address() as AddressInfo).port}`;
    await new Promise((resolve) => nobody.close(resolve));
    const closed = await failure(lookupContracts({ url: gone, token: 'lpt_x' }, ['M3482915673']));
    expect([closed?.code, closed?.message]).toEqual(['portal_unreachable', `cannot reach the portal at ${gone}: connection refused`]);
  });
});
