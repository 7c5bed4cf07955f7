import { afterAll, beforeAll, expect, it } from 'vitest';
import { factories } from '../harness/factories.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';

describeEachDialect('partner delegation and API tokens', (dialect) => {
  let portal: TestPortal;
  let customer: string;
  let partner: string;
  let customerAdmin: Client;
  let partnerUser: Client;

  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    const f = factories(portal);
    customer = (await f.account('customer', 'Delegating Co')).id;
    partner = (await f.account('partner', 'Reseller Ltd')).id;
    customerAdmin = await portal.signIn((await f.user([{ accountId: customer, role: 'admin' }])).email);
    partnerUser = await portal.signIn((await f.user([{ accountId: partner, role: 'admin' }])).email);
  });
  afterAll(() => portal.close());

  it('lets a customer admin grant and revoke a partner; the partner acts as a member meanwhile', async () => {
    expect((await partnerUser.get(`/accounts/${customer}`)).statusCode).toBe(404);
    expect((await customerAdmin.post(`/accounts/${customer}/delegations`, { partnerAccountId: partner })).statusCode).toBe(201);

    const customers = (await partnerUser.get('/partner/customers')).json();
    expect(customers.items).toEqual([expect.objectContaining({ accountId: customer, name: 'Delegating Co', partnerAccountId: partner })]);
    const me = (await partnerUser.get('/me')).json();
    expect(me.accounts).toContainEqual(expect.objectContaining({ id: customer, role: 'member', via: 'delegation', partnerAccountId: partner }));
    expect((await partnerUser.get(`/accounts/${customer}`)).statusCode).toBe(200);
    // a member may not manage the customer's tokens
    expect((await partnerUser.post(`/accounts/${customer}/api-tokens`, { name: 'x' })).statusCode).toBe(403);

    expect((await customerAdmin.delete(`/accounts/${customer}/delegations/${partner}`)).statusCode).toBe(204);
    expect((await partnerUser.get(`/accounts/${customer}`)).statusCode).toBe(404);
    const audit = await portal.container.audit.list(portal.container.store.db, { accountId: customer, limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['delegation.granted', 'delegation.revoked']));
  });

  it('refuses to delegate to an account that is not a partner', async () => {
    const res = await customerAdmin.post(`/accounts/${customer}/delegations`, { partnerAccountId: customer });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('partnerAccountId');
  });

  it('shows an API token once, stores only its hash, and stops it when revoked', async () => {
    const created = await customerAdmin.post(`/accounts/${customer}/api-tokens`, { name: 'renewal assistant' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^lpt_/);
    const listed = (await customerAdmin.get(`/accounts/${customer}/api-tokens`)).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    const stored = await portal.container.store.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const bearer = portal.bearer(token);
    expect((await bearer.get(`/accounts/${customer}`)).statusCode).toBe(200);
    expect((await bearer.post(`/accounts/${customer}/api-tokens`, { name: 'escalate' })).statusCode).toBe(403);
    expect((await customerAdmin.delete(`/accounts/${customer}/api-tokens/${id}`)).statusCode).toBe(204);
    const after = await bearer.get(`/accounts/${customer}`);
    expect(after.statusCode).toBe(401);
  });
});
