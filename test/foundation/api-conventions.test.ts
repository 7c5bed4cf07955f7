import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';

describeEachDialect('API conventions', (dialect) => {
  let portal: TestPortal;
  let vendorAdmin: Client;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    vendorAdmin = await portal.signIn((await f.user([{ accountId: await f.vendorAccountId(), role: 'admin' }])).email);
  });
  afterAll(() => portal.close());

  const countAccounts = async () => (await vendorAdmin.get('/admin/accounts?limit=500')).json().items.length as number;

  it('names each bad field in the error shape and changes nothing', async () => {
    const before = await countAccounts();
    const res = await vendorAdmin.post('/admin/accounts', { name: 42, kind: 'landlord' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'name']);
    expect(await countAccounts()).toBe(before);
  });

  it('answers malformed JSON, a wrong content type and an oversized body with a 4xx in the error shape', async () => {
    const headers = { cookie: vendorAdmin.auth.cookie!, 'x-csrf-token': vendorAdmin.auth.csrf!, 'content-type': 'application/json' };
    const malformed = await portal.app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers, payload: '{"name": "x",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('validation_failed');

    const form = await portal.app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x&kind=customer' });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');

    const huge = await portal.app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), kind: 'customer' }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key with another body', async () => {
    const key = { 'idempotency-key': 'create-acme-once' };
    const first = await vendorAdmin.post('/admin/accounts', { name: 'Idem Co', kind: 'customer' }, key);
    const again = await vendorAdmin.post('/admin/accounts', { name: 'Idem Co', kind: 'customer' }, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const all = (await vendorAdmin.get('/admin/accounts?q=Idem&limit=50')).json().items;
    expect(all).toHaveLength(1);

    const reused = await vendorAdmin.post('/admin/accounts', { name: 'Other Co', kind: 'customer' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('pages with a cursor until nextCursor is null', async () => {
    for (let i = 0; i < 5; i++) await vendorAdmin.post('/admin/accounts', { name: `Paged ${i}`, kind: 'customer' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (await vendorAdmin.get(`/admin/accounts?q=Paged&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((a: { name: string }) => a.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
  });

  it('serves health, metrics, the OpenAPI document and its docs page', async () => {
    expect((await portal.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await portal.app.inject('/metrics')).body).toMatch(/portal_http_request_duration_seconds/);
    const doc = (await portal.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    const docs = await portal.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });

  it('records every change in the audit log, searchable by action and account', async () => {
    const created = (await vendorAdmin.post('/admin/accounts', { name: 'Audited Co', kind: 'partner' })).json();
    const page = (await vendorAdmin.get(`/admin/audit?action=account.created&account=${created.id}`)).json();
    expect(page.items).toEqual([expect.objectContaining({ action: 'account.created', accountId: created.id, targetId: created.id })]);
    expect(page.items[0].actorEmail).toMatch(/@example\.test$/);
  });

  // Regressions found by the API fuzzer (test/fuzz).
  it('answers vendor staff 404 for an account that does not exist, not a fault', async () => {
    const res = await vendorAdmin.post('/accounts/acc_01doesnotexist/api-tokens', { name: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('refuses NUL characters and over-long path parameters in the error shape', async () => {
    const nulInPath = await vendorAdmin.post('/accounts/%00/delegations', { partnerAccountId: 'x' });
    expect(nulInPath.statusCode).toBe(400);
    const nulInBody = await vendorAdmin.post('/admin/accounts', { name: 'a\u0000b', kind: 'customer' });
    expect(nulInBody.statusCode).toBe(400);
    expect(nulInBody.json().error.code).toBe('validation_failed');
    const long = await vendorAdmin.get(`/accounts/${'x'.repeat(500)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('validation_failed');
  });

  it('sends security headers', async () => {
    const res = await portal.app.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});
