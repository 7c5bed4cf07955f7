import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createContainer } from '../../src/server/container.js';
import type { DatabaseHandle } from '../../src/server/db/database.js';
import { getAKeyWorld, PRODUCTS } from '../get-a-key/setup.js';
import pg from 'pg';
import { POSTGRES_ADMIN_URL } from '../harness/databases.js';
import { Client, startTestPortal, type TestPortal } from '../harness/portal.js';
import type { Dialect } from '../../src/server/db/database.js';

/** Get a Key's catalog: a server (perpetual), a node-locked agent and a subscription archive. */
export const FLEX_PRODUCTS = PRODUCTS;

/** Get a Key's world (vendor, customer with each role, partner, stranger, catalog), the partner delegated, and two OEMs. */
export async function flexWorld(portal: TestPortal) {
  const world = await getAKeyWorld(portal);
  const { f } = world;
  await f.delegate(world.customer.id, world.partner.id);
  const oem = await f.account('oem', 'OEM Boxes Inc');
  const otherOem = await f.account('oem', 'Other OEM');
  const users = {
    ...world.users,
    oemAdmin: await f.user([{ accountId: oem.id, role: 'admin' }]),
    oemMember: await f.user([{ accountId: oem.id, role: 'member' }]),
    oemViewer: await f.user([{ accountId: oem.id, role: 'viewer' }]),
    otherOemAdmin: await f.user([{ accountId: otherOem.id, role: 'admin' }]),
  };
  return { ...world, oem, otherOem, users };
}

export type FlexWorld = Awaited<ReturnType<typeof flexWorld>>;

/** A contract for `accountId` over the term with the given pools. */
export async function createContract(vendor: Client, accountId: string, pool: { productSku: string; units: number }[], term = { startsAt: '2026-11-01', endsAt: '2027-10-31' }) {
  const res = await vendor.post('/admin/flex-contracts', { accountId, ...term, pool });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; serialNumber: string };
}

/**
 * More portal instances on the portal's database, each with its own container and connection
 * pool, as a fleet behind a load balancer would be. `clientsOf` answers one client per instance
 * carrying the given client's session.
 */
export async function startInstances(portal: TestPortal, extra: number) {
  const apps: FastifyInstance[] = [];
  const handles: DatabaseHandle[] = [];
  for (let i = 0; i < extra; i++) {
    const database = portal.database.reopen();
    const container = createContainer(portal.config, { clock: portal.clock, mailer: null, database });
    const app = await buildApp(container, { webRoot: '/nonexistent' });
    await app.ready();
    apps.push(app);
    handles.push(database);
  }
  return {
    clientsOf: (client: Client) => [client, ...apps.map((app) => new Client(app, client.auth))],
    async close() {
      for (const app of apps) await app.close();
      for (const handle of handles) await handle.close();
    },
  };
}

/**
 * Closes the portal and drops its database once every connection to it has gone. pg's pool
 * resolves end() before its sockets are closed; a DROP DATABASE … WITH (FORCE) right after would
 * terminate them mid-goodbye, an unhandled 57P01 that fails the run. Many instances make it likely.
 */
export async function closePortal(portal: TestPortal): Promise<void> {
  await portal.app.close();
  await portal.container.close().catch(() => {});
  if (portal.dialect === 'postgres') {
    const name = new URL(portal.database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await admin.end();
    }
  }
  await portal.database.drop();
}

/** Instances on one database in a race test: the first is the portal itself. */
export const RACING_INSTANCES = 3;

/**
 * A portal on `dialect` with its world and more instances, set up before the tests of the
 * enclosing describe and torn down after: `clients` holds, for each signed-in user, one client
 * per instance, so requests spread over the fleet like a load balancer would.
 */
export function racingPortal(dialect: Dialect, whoSignsIn: (world: FlexWorld) => string[]) {
  const race = {} as { portal: TestPortal; world: FlexWorld; clients: Client[] };
  let instances: Awaited<ReturnType<typeof startInstances>>;
  beforeAll(async () => {
    race.portal = await startTestPortal(dialect);
    race.world = await flexWorld(race.portal);
    instances = await startInstances(race.portal, RACING_INSTANCES - 1);
    race.clients = [];
    for (const email of whoSignsIn(race.world)) race.clients.push(...instances.clientsOf(await race.portal.signIn(email)));
  });
  afterAll(async () => {
    await instances.close();
    await closePortal(race.portal);
  });
  return race;
}
