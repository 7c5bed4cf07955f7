import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateSerialNumber } from '../../src/domain/identifiers/index.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, REGISTRATION, type World } from './setup.js';

describeEachDialect('failed serial lookups', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
  });
  afterAll(() => portal.close());

  it('allows 20 failed lookups in 15 minutes per user and address, then answers 429 with Retry-After', async () => {
    const { serials } = await orderEverything(portal, world);
    const member = await portal.signIn(world.users.member.email);
    const path = `/accounts/${world.customer.id}/get-a-key/lookup`;
    // typos are refused before any lookup, and do not count
    for (let i = 0; i < 30; i++) expect((await member.post(path, { serialNumber: 'S123' })).statusCode).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await member.post(path, { serialNumber: generateSerialNumber('S', String(i).padStart(9, '0')) })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    const blocked = await member.post(path, { serialNumber: serials.server });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await member.post(`/accounts/${world.customer.id}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).statusCode).toBe(429);
    // another user from the same address is held too
    const admin = await portal.signIn(world.users.admin.email);
    expect((await admin.post(path, { serialNumber: serials.server })).statusCode).toBe(429);

    portal.clock.advance(16 * 60 * 1000);
    expect((await member.post(path, { serialNumber: serials.server })).statusCode).toBe(200);
  });
});
