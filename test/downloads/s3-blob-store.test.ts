import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFoundError, LocalBlobStore, type BlobStore } from '../../src/server/platform/blob-store.js';
import { S3BlobStore, type S3Settings } from '../../src/server/platform/s3-blob-store.js';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { holdings } from './fixtures.js';

/**
 * The S3 blob store against a real S3-compatible server (s3rver, started here), side by side with
 * the local directory: both must keep the same promises to the downloads that read them.
 */
const BUCKET = 'release-files';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let server: S3rver;
let endpoint: string;

beforeAll(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'lp-s3-')), configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(() => server.close());

const settings = (prefix = ''): S3Settings => ({ bucket: BUCKET, prefix, region: 'us-east-1', endpoint, credentials });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
/** A body that arrives in pieces, like an upload off the network. */
const pieces = (bytes: Buffer, size = 1024 * 1024) =>
  Readable.from((function* () {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  })());

describe.each([
  ['local directory', () => new LocalBlobStore(mkdtempSync(join(tmpdir(), 'lp-blobs-')))],
  ['S3 bucket', () => new S3BlobStore(settings('portal-a'))],
] as const)('blob store: %s', (_name, makeStore) => {
  let store: BlobStore;
  // Larger than one 8 MiB part, so the S3 store uploads it in several.
  const big = randomBytes(17 * 1024 * 1024 + 5);

  beforeAll(() => {
    store = makeStore();
  });
  afterAll(() => store.close?.());

  it('gives back every byte stored, whole and by range', async () => {
    await store.put('releases/r1/f1', pieces(big));
    expect(sha256(await bytesOf(await store.read('releases/r1/f1')))).toBe(sha256(big));
    const part = await bytesOf(await store.read('releases/r1/f1', { start: 8 * 1024 * 1024 - 3, end: 8 * 1024 * 1024 + 9 }));
    expect(part.equals(big.subarray(8 * 1024 * 1024 - 3, 8 * 1024 * 1024 + 10))).toBe(true);
  });

  it('says a missing blob is missing, also after a delete', async () => {
    await expect(store.read('releases/none/f')).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.put('releases/r2/f', pieces(Buffer.from('short-lived')));
    await store.delete('releases/r2/f');
    await expect(store.read('releases/r2/f')).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.delete('releases/r2/f'); // deleting again is no error
  });

  it('keeps nothing of an upload whose body fails half-way', async () => {
    const failing = Readable.from((async function* () {
      yield big.subarray(0, 9 * 1024 * 1024);
      throw new Error('the client went away');
    })());
    await expect(store.put('releases/r3/f', failing)).rejects.toThrow();
    await expect(store.read('releases/r3/f')).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});

describeEachDialect('FileConnect with release files in an S3 bucket', (dialect) => {
  let portal: TestPortal;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, {
      env: { S3_BUCKET: BUCKET, S3_PREFIX: `portal-${dialect}`, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: credentials.accessKeyId, S3_SECRET_ACCESS_KEY: credentials.secretAccessKey },
    });
  });
  afterAll(() => portal.close());

  it('stores an upload in the bucket and serves it through a signed link with Range', async () => {
    const f = factories(portal);
    const acme = (await f.account('customer', 'Acme on S3')).id;
    const vendor = await portal.signIn((await f.user([{ accountId: await f.vendorAccountId(), role: 'admin' }])).email);
    const alice = await portal.signIn((await f.user([{ accountId: acme, role: 'admin' }])).email);
    const product = await holdings(portal).product({ line: 'Vault Backup S3', version: '22' });
    await holdings(portal).license(acme, product.id);
    const bytes = randomBytes(600_000 + 11);

    const release = await vendor.post('/admin/releases', { productSku: product.sku, version: '22.0.1', notes: 'On S3' });
    expect(release.statusCode, release.body).toBe(201);
    const stored = await vendor.put(`/admin/releases/${release.json().id}/files/vault-22.0.1.bin`, bytes as never, { 'content-type': 'application/octet-stream' });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });

    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `portal-${dialect}/` }));
    client.destroy();
    expect(listed.Contents?.map((o) => o.Size)).toEqual([bytes.length]);

    const link = await alice.post(`/accounts/${acme}/downloads/${stored.json().id}/link`);
    expect(link.statusCode, link.body).toBe(200);
    const path = new URL(link.json().url as string).pathname;
    const whole = await portal.app.inject({ method: 'GET', url: path });
    expect(whole.statusCode).toBe(200);
    expect(sha256(whole.rawPayload)).toBe(sha256(bytes));
    const tail = await portal.app.inject({ method: 'GET', url: path, headers: { range: 'bytes=500000-' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes 500000-${bytes.length - 1}/${bytes.length}`);
    expect(tail.rawPayload.equals(bytes.subarray(500_000))).toBe(true);
  });
});
