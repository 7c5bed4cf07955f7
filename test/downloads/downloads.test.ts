import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { holdings } from './fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pathOf = (url: string) => new URL(url).pathname;

describeEachDialect('FileConnect downloads', (dialect) => {
  let portal: TestPortal;
  let vendor: Client;
  let alice: Client;
  let viewer: Client;
  let stranger: Client;
  let acme: string;
  let other: string;
  const bytes = randomBytes(300_000 + 17);
  let fileId: string;
  let sku22: string;

  const upload = (releaseId: string, name: string, body: Buffer | Readable, headers: Record<string, string> = { 'content-type': 'application/octet-stream' }) =>
    vendor.put(`/admin/releases/${releaseId}/files/${name}`, body as never, headers);
  const release = async (productSku: string, version: string) => {
    const res = await vendor.post('/admin/releases', { productSku, version, notes: `Release ${version}` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const linkFor = async (client: Client, accountId: string, id: string) => {
    const res = await client.post(`/accounts/${accountId}/downloads/${id}/link`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { url: string; expiresAt: string };
  };

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    const h = holdings(portal);
    acme = (await f.account('customer', 'Acme Downloads')).id;
    other = (await f.account('customer', 'Unlicensed Co')).id;
    vendor = await portal.signIn((await f.user([{ accountId: await f.vendorAccountId(), role: 'admin' }])).email);
    alice = await portal.signIn((await f.user([{ accountId: acme, role: 'admin' }])).email);
    viewer = await portal.signIn((await f.user([{ accountId: acme, role: 'viewer' }])).email);
    stranger = await portal.signIn((await f.user([{ accountId: other, role: 'admin' }])).email);

    const v22 = await h.product({ line: 'Vault Backup', version: '22' });
    sku22 = v22.sku;
    await h.license(acme, v22.id);
    const rel = await release(v22.sku, '22.3.1');
    const stored = await upload(rel, 'vault-backup-22.3.1.tar.gz', bytes);
    expect(stored.statusCode, stored.body).toBe(200);
    fileId = stored.json().id;
  });
  afterAll(() => portal.close());

  it('stores an uploaded file with the size and SHA-256 measured while it streamed', async () => {
    const rel = await release(sku22, '22.3.2');
    const streamed = Readable.from((function* () {
      for (let i = 0; i < 10; i++) yield bytes.subarray(i * 30_000, (i + 1) * 30_000 + (i === 9 ? 17 : 0));
    })());
    const res = await upload(rel, 'setup.tar.gz', streamed);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: expect.stringMatching(/^fil_/), size: bytes.length, sha256: sha256(bytes) });

    // Sending the name again replaces the bytes of the same file.
    const again = await upload(rel, 'setup.tar.gz', Buffer.from('second build'));
    expect(again.json()).toEqual({ id: res.json().id, size: 12, sha256: sha256(Buffer.from('second build')) });
    const shown = (await vendor.get(`/admin/releases/${rel}`)).json();
    expect(shown.files).toEqual([expect.objectContaining({ name: 'setup.tar.gz', size: 12, contentType: 'application/gzip' })]);
  });

  it('refuses a release for an unknown product, a second release of the same version, and bad uploads', async () => {
    const unknown = await vendor.post('/admin/releases', { productSku: 'NOPE-1', version: '1.0' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ field: 'productSku' })]);
    await release(sku22, '22.9');
    expect((await vendor.post('/admin/releases', { productSku: sku22, version: '22.9' })).json().error.code).toBe('conflict');

    const rel = await release(sku22, '22.9.1');
    const json = await vendor.put(`/admin/releases/${rel}/files/notes.txt`, { text: 'hello' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
    const badName = await upload(rel, '..%2Fescape', Buffer.from('x'));
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.code).toBe('validation_failed');
    expect((await upload('rel_missing', 'a.zip', Buffer.from('x'))).statusCode).toBe(404);
    expect((await vendor.get(`/admin/releases/${rel}`)).json().files).toEqual([]);
  });

  it('lists, for a licensed account, the files of its product with sizes and checksums', async () => {
    const res = await alice.get(`/accounts/${acme}/downloads?product=${sku22}`);
    expect(res.statusCode).toBe(200);
    const found = res.json().items.find((r: { version: string }) => r.version === '22.3.1');
    expect(found).toMatchObject({ productSku: sku22, productLine: 'Vault Backup', access: 'licensed', notes: 'Release 22.3.1' });
    expect(found.files).toEqual([expect.objectContaining({ id: fileId, name: 'vault-backup-22.3.1.tar.gz', size: bytes.length, sha256: sha256(bytes) })]);
    expect((await viewer.get(`/accounts/${acme}/downloads`)).statusCode).toBe(200);
  });

  it('refuses an account without a license: nothing listed, no link, 404 like any unknown file', async () => {
    expect((await stranger.get(`/accounts/${other}/downloads`)).json()).toEqual({ items: [], nextCursor: null });
    const res = await stranger.post(`/accounts/${other}/downloads/${fileId}/link`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await stranger.post(`/accounts/${acme}/downloads/${fileId}/link`)).statusCode).toBe(404);
  });

  it('downloads through a signed link: the exact bytes, an ETag, and a HEAD that sends none', async () => {
    const link = await linkFor(viewer, acme, fileId);
    expect(link.url).toMatch(/^http:\/\/portal\.test\/dl\//);
    expect(Date.parse(link.expiresAt) - portal.clock.now().getTime()).toBe(900_000);
    const res = await portal.anonymous().get(pathOf(link.url));
    expect(res.statusCode).toBe(200);
    expect(sha256(res.rawPayload)).toBe(sha256(bytes));
    expect(res.headers).toMatchObject({ 'accept-ranges': 'bytes', etag: `"${sha256(bytes)}"`, 'content-length': String(bytes.length) });
    expect(res.headers['content-disposition']).toBe('attachment; filename="vault-backup-22.3.1.tar.gz"');

    const head = await portal.anonymous().request('HEAD', pathOf(link.url));
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.rawPayload.length).toBe(0);
  });

  it('resumes with Range several times and reassembles exactly the same bytes', async () => {
    const path = pathOf((await linkFor(alice, acme, fileId)).url);
    const parts: Buffer[] = [];
    let offset = 0;
    for (const size of [1000, 65_536, 100_000]) {
      const res = await portal.anonymous().get(path, { range: `bytes=${offset}-${offset + size - 1}` });
      expect(res.statusCode).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${offset}-${offset + size - 1}/${bytes.length}`);
      parts.push(res.rawPayload);
      offset += size;
    }
    const rest = await portal.anonymous().get(path, { range: `bytes=${offset}-`, 'if-range': `"${sha256(bytes)}"` });
    expect(rest.statusCode).toBe(206);
    parts.push(rest.rawPayload);
    expect(sha256(Buffer.concat(parts))).toBe(sha256(bytes));

    const tail = await portal.anonymous().get(path, { range: 'bytes=-17' });
    expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 17))).toBe(true);
    // A client holding other bytes (another ETag) gets the whole file, not a spliced one.
    const stale = await portal.anonymous().get(path, { range: 'bytes=10-', 'if-range': '"0000"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(bytes.length);
    const beyond = await portal.anonymous().get(path, { range: `bytes=${bytes.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(beyond.json().error.code).toBe('range_not_satisfiable');
  });

  it('refuses an expired link with 403 and a tampered one with 404', async () => {
    const path = pathOf((await linkFor(alice, acme, fileId)).url);
    // Move the expiry a day on, keeping the mac: the link no longer matches its signature.
    const parts = path.slice('/dl/'.length).split('.');
    parts[4] = (parseInt(parts[4]!, 36) + 86_400).toString(36);
    const tampered = `/dl/${parts.join('.')}`;
    const refused = await portal.anonymous().get(tampered);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    expect((await portal.anonymous().get('/dl/not-a-token')).statusCode).toBe(404);

    portal.clock.advance(901_000);
    try {
      const expired = await portal.anonymous().get(path);
      expect(expired.statusCode).toBe(403);
      expect(expired.json().error).toMatchObject({ code: 'link_expired', message: expect.stringMatching(/ask the portal for a new one/) });
    } finally {
      portal.clock.advance(-901_000);
    }
  });

  it('records every download with its account, range, status and bytes sent', async () => {
    const path = pathOf((await linkFor(alice, acme, fileId)).url);
    const db = portal.container.store.db;
    const known = new Set((await db.selectFrom('downloads').select('id').execute()).map((r) => r.id));
    await portal.anonymous().get(path, { range: 'bytes=0-99' });
    await portal.anonymous().request('HEAD', path);
    await portal.anonymous().get(path);
    await expect.poll(async () => (await db.selectFrom('downloads').select('finished_at').where('file_id', '=', fileId).where('finished_at', 'is', null).execute()).length).toBe(0);
    const rows = (await db.selectFrom('downloads').selectAll().where('file_id', '=', fileId).execute()).filter((r) => !known.has(r.id));
    expect(rows.map((r) => [r.account_id, r.method, r.range, r.status, Number(r.bytes_sent), r.completed]).sort()).toEqual([
      [acme, 'GET', null, 200, bytes.length, 1],
      [acme, 'GET', 'bytes=0-99', 206, 100, 1],
      [acme, 'HEAD', null, 200, 0, 1],
    ]);
  });
});

describe('link signing', () => {
  it('changes nothing without the portal secret', async () => {
    const { DownloadLinkSigner } = await import('../../src/server/modules/downloads/download-link.js');
    const a = new DownloadLinkSigner('secret-a-secret-a-secret-a-secret-a');
    const b = new DownloadLinkSigner('secret-b-secret-b-secret-b-secret-b');
    const token = a.sign({ fileId: 'fil_1', accountId: 'acc_1', sha256: 'ab'.repeat(32), requestedBy: null, expiresAt: 2_000 });
    expect(a.check(token, 1_000)).toMatchObject({ ok: true, grant: { fileId: 'fil_1', accountId: 'acc_1' } });
    expect(b.check(token, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(a.check(token, 2_000)).toEqual({ ok: false, reason: 'expired', expiresAt: 2_000 });
  });
});
