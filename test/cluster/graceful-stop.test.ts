import { createHash, randomBytes } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePortal } from '../flex/world.js';
import { factories } from '../harness/factories.js';
import { DIALECTS } from '../harness/portal.js';
import { Fleet } from './http.js';
import { checkInvariants } from './invariants.js';
import { LoadDriver } from './load-driver.js';
import { prepareLoadWorld, REGISTRATION, SKU, type LoadWorld } from './load-world.js';
import { startPortalProcess, stopPortalProcess, type PortalProcess } from './portal-process.js';

/** A webhook receiver that takes its time, so the worker is always in the middle of its jobs. */
async function slowReceiver(delayMs: number) {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(String(req.headers['webhook-id']));
      setTimeout(() => res.writeHead(200).end('ok'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Reads a download slowly, as over a thin line, so that it is still under way when the portal is asked to stop. */
function slowDownload(url: string): { started: Promise<void>; done: Promise<{ status: number; bytes: number; sha256: string }> } {
  let started!: () => void;
  const startedP = new Promise<void>((resolve) => (started = resolve));
  const done = new Promise<{ status: number; bytes: number; sha256: string }>((resolve, reject) => {
    get(url, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        started();
        hash.update(chunk);
        bytes += chunk.length;
        res.pause();
        setTimeout(() => res.resume(), 5);
      });
      res.on('end', () => resolve({ status: res.statusCode!, bytes, sha256: hash.digest('hex') }));
      res.on('error', reject);
    }).on('error', reject);
  });
  return { started: startedP, done };
}

const FILE_SIZE = 16 * 1024 * 1024;

/**
 * `portal serve` asked to stop with SIGTERM while requests are in flight and its worker is
 * delivering a backlog of webhooks: every request already sent is answered, the worker takes no
 * new job, gives back its claims, and a worker started afterwards delivers the rest, once each.
 */
describe.each(DIALECTS)('a graceful stop under load [%s]', (dialect) => {
  let world: LoadWorld;
  let receiver: Awaited<ReturnType<typeof slowReceiver>>;
  const processes: PortalProcess[] = [];
  const file = { id: '', bytes: Buffer.alloc(0) };

  beforeAll(async () => {
    world = await prepareLoadWorld(dialect, { serials: 150, vouchers: 200, poolUnits: 100 });
    receiver = await slowReceiver(50);
    const admin = await factories(world.portal).user([{ accountId: world.customerId, role: 'admin' }]);
    const endpoint = await (await world.portal.signIn(admin.email)).post(`/accounts/${world.customerId}/webhook-endpoints`, { url: receiver.url });
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    // A release the customer may download: it holds a license of the product.
    const { member, vendor } = world.clients;
    expect((await member.post(`/accounts/${world.customerId}/get-a-key`, { serialNumber: world.serials.pop(), registration: REGISTRATION })).statusCode).toBe(200);
    const release = await vendor.post('/admin/releases', { productSku: SKU, version: '23', notes: 'for the drain' });
    expect(release.statusCode, release.body).toBe(201);
    file.bytes = randomBytes(FILE_SIZE);
    const put = await vendor.put(`/admin/releases/${release.json().id}/files/drain.bin`, file.bytes, { 'content-type': 'application/octet-stream' });
    expect(put.statusCode, put.body).toBe(200);
    file.id = put.json().id;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopPortalProcess(p, 'SIGKILL')));
    await receiver?.close();
    if (world) await closePortal(world.portal);
  }, 60_000);

  it('answers every request in flight, releases its job claims, and the next worker finishes the work once', async () => {
    const { db } = world.portal.container.store;
    const portal = await startPortalProcess(world.deployment, 'all');
    processes.push(portal);
    // The worker's first pass records today's reminders and starts on their webhooks.
    while (receiver.received.length < 3) await sleep(20);

    const link = await world.clients.member.post(`/accounts/${world.customerId}/downloads/${file.id}/link`);
    expect(link.statusCode, link.body).toBe(200);
    const download = slowDownload(`${portal.url}${new URL(link.json().url).pathname}`);
    await download.started;

    const driver = new LoadDriver(world, new Fleet([portal.url!]));
    let signal!: () => void;
    const stopping = new Promise<void>((resolve) => (signal = resolve));
    const load = driver.run(30_000, 8, { stop: stopping, reminders: false });
    await sleep(300);
    signal();
    portal.child.kill('SIGTERM');
    const deliveriesAtSignal = receiver.received.length;
    await load;

    // The download under way when the signal came is finished, whole.
    const downloaded = await download.done;
    expect(downloaded).toEqual({ status: 200, bytes: FILE_SIZE, sha256: createHash('sha256').update(file.bytes).digest('hex') });
    expect(await portal.exited, portal.stderr()).toBe(0);
    // The worker finished the job in hand (one may have been on its way as the signal came) and took no other.
    expect(receiver.received.length - deliveriesAtSignal).toBeLessThanOrEqual(2);
    // Requests that reached it after the signal on an open connection are turned away with 503;
    // every other answer is the operation's own, and every 2xx is in the database.
    expect(driver.failures.filter((f) => !/ → 503 /.test(f))).toEqual([]);
    expect((await checkInvariants(db, driver.acknowledged, world.contracts, new Set())).violations).toEqual([]);

    const jobs = await db.selectFrom('jobs').select(['id', 'status', 'locked_by']).where('kind', '=', 'webhook.deliver').execute();
    expect(jobs.filter((j) => j.locked_by !== null)).toEqual([]);
    const left = jobs.filter((j) => j.status === 'queued');
    // The stopping worker took no new job: the backlog waits, unclaimed, for the next worker.
    expect(left.length).toBeGreaterThan(0);

    const worker = await startPortalProcess(world.deployment, 'worker');
    processes.push(worker);
    for (let waited = 0; waited < 600 && receiver.received.length < jobs.length; waited++) await sleep(100);
    expect(receiver.received).toHaveLength(jobs.length);
    expect(new Set(receiver.received).size).toBe(jobs.length);
    expect(await stopPortalProcess(worker, 'SIGTERM')).toBe(0);
  }, 180_000);
});
