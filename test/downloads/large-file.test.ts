import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { holdings } from './fixtures.js';

const MB = 1024 * 1024;
/** 100 MB always; the 1 GB run (about 20 s per dialect) with LP_BIG_TESTS=1. */
const SIZES = process.env.LP_BIG_TESTS === '1' ? [100 * MB, 1024 * MB] : [100 * MB];
/** Far below the file sizes: a server that held a file in memory would cross it many times over. */
const MAX_GROWTH = 64 * MB;

/** `size` bytes that differ from MiB to MiB, made on the fly, with their SHA-256 once read to the end. */
function generated(size: number): { stream: Readable; sha256: () => string } {
  const block = randomBytes(MB);
  const hash = createHash('sha256');
  async function* chunks() {
    for (let offset = 0, n = 0; offset < size; offset += MB, n++) {
      const chunk = Buffer.from(block.subarray(0, Math.min(MB, size - offset)));
      chunk.writeUInt32BE(n, 0);
      hash.update(chunk);
      yield chunk;
    }
  }
  let digest: string | undefined;
  return { stream: Readable.from(chunks()), sha256: () => (digest ??= hash.digest('hex')) };
}

/** Samples this process's resident memory while `work` runs; answers the peak above the start. */
async function rssGrowthDuring(work: () => Promise<void>): Promise<number> {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage.rss()) - start;
}

describeEachDialect('FileConnect large files', (dialect) => {
  let portal: TestPortal;
  let origin: string;
  let vendor: Client;
  let alice: Client;
  let acme: string;
  let sku: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    origin = await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const f = factories(portal);
    const h = holdings(portal);
    acme = (await f.account('customer', 'Big Files Co')).id;
    vendor = await portal.signIn((await f.user([{ accountId: await f.vendorAccountId(), role: 'admin' }])).email);
    alice = await portal.signIn((await f.user([{ accountId: acme, role: 'member' }])).email);
    const product = await h.product();
    sku = product.sku;
    await h.license(acme, product.id);
  });
  afterAll(() => portal.close());

  it('keeps nothing of an upload whose client goes away halfway', async () => {
    const releaseId = (await vendor.post('/admin/releases', { productSku: sku, version: 'aborted' })).json().id;
    const put = request(`${origin}/api/v1/admin/releases/${releaseId}/files/half.bin`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(64 * MB), cookie: vendor.auth.cookie!, 'x-csrf-token': vendor.auth.csrf! },
    });
    put.on('error', () => {});
    put.write(randomBytes(4 * MB));
    await new Promise((r) => setTimeout(r, 300));
    put.destroy();
    const blobs = join(portal.config.dataDir, 'blobs', 'releases', releaseId);
    await expect.poll(() => (existsSync(blobs) ? readdirSync(blobs) : []), { timeout: 10_000 }).toEqual([]);
    expect((await vendor.get(`/admin/releases/${releaseId}`)).json().files).toEqual([]);
  });

  for (const size of SIZES) {
    it(`uploads and downloads ${size / MB} MB streamed, with the server's memory flat`, { timeout: 300_000 }, async () => {
      const releaseId = (await vendor.post('/admin/releases', { productSku: sku, version: `big-${size}` })).json().id;
      const source = generated(size);
      let stored: { id: string; size: number; sha256: string } | undefined;
      const uploadGrowth = await rssGrowthDuring(async () => {
        const put = request(`${origin}/api/v1/admin/releases/${releaseId}/files/big.bin`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', cookie: vendor.auth.cookie!, 'x-csrf-token': vendor.auth.csrf! },
        });
        const answer = new Promise<IncomingMessage>((resolve, reject) => put.on('response', resolve).on('error', reject));
        await pipeline(source.stream, put);
        stored = JSON.parse(await text(await answer));
      });
      expect(stored).toEqual({ id: expect.any(String), size, sha256: source.sha256() });

      const link = (await alice.post(`/accounts/${acme}/downloads/${stored!.id}/link`)).json();
      const url = `${origin}${new URL(link.url).pathname}`;
      const hash = createHash('sha256');
      let received = 0;
      const downloadGrowth = await rssGrowthDuring(async () => {
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        // The client reads slowly at first, so the server meets back-pressure.
        for await (const chunk of res) {
          hash.update(chunk as Buffer);
          received += (chunk as Buffer).length;
          if (received < 8 * MB) await new Promise((r) => setTimeout(r, 1));
        }
      });
      expect(received).toBe(size);
      expect(hash.digest('hex')).toBe(source.sha256());
      console.info(`${dialect} ${size / MB} MB: memory grew ${(uploadGrowth / MB).toFixed(1)} MB uploading, ${(downloadGrowth / MB).toFixed(1)} MB downloading`);
      expect(uploadGrowth).toBeLessThan(MAX_GROWTH);
      expect(downloadGrowth).toBeLessThan(MAX_GROWTH);
    });
  }
});

function get(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => request(url, resolve).on('error', reject).end());
}

async function text(res: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of res) body += chunk;
  return body;
}
