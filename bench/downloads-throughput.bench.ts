import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { prepare } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { createContainer } from '../src/server/container.js';
import { systemActor } from '../src/server/modules/auth/actor.js';
import type { Benchmark } from './lib/types.js';
import { freePort, loadAverage, ROOT, startServer, warmThenMeasure } from './validate-load.js';

const MiB = 1024 * 1024;
const CONNECTIONS = 50;

/** A file of random bytes, written in 1 MiB pieces. */
async function writeFile(path: string, size: number): Promise<void> {
  async function* pieces() {
    for (let left = size; left > 0; left -= MiB) yield randomBytes(Math.min(MiB, left));
  }
  await pipeline(Readable.from(pieces()), createWriteStream(path));
}

const bench: Benchmark = {
  description: 'Downloads through a signed link (`GET /dl/{token}`, streamed from the local blob store, recorded) against a bare Node `http` server piping `fs.createReadStream` of the same file.',
  goal: '≥ 0.9 of the bare file server’s throughput',
  async run(ctx) {
    const size = (ctx.quick ? 8 : 32) * MiB;
    const source = join(ctx.workDir, 'release.bin');
    await writeFile(source, size);

    const dataDir = join(ctx.workDir, 'data');
    const env = { DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}`, DATA_DIR: dataDir, PORTAL_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn', PORTAL_DEMO: '0', DOWNLOAD_LINK_TTL: '86400' };
    const path = await publishFile(env, source);

    const seconds = ctx.quick ? 3 : 15;
    const warmSeconds = ctx.quick ? 1 : 5;
    const portal = await startServer(join(ROOT, 'src', 'cli', 'portal.ts'), ['serve', '--role', 'web'], env, await freePort());
    let portalRun;
    let portalRss;
    try {
      ctx.log(`portal: ${CONNECTIONS} connections downloading a ${size / MiB} MiB file for ${seconds} s`);
      portalRun = warmThenMeasure(portal, path, { connections: CONNECTIONS, seconds, warmSeconds, timeoutSeconds: 60 });
      portalRss = portal.peakRssMiB();
    } finally {
      await portal.stop();
    }
    const floor = await startServer(join(ROOT, 'bench', 'downloads-floor-server.ts'), [], { FLOOR_FILE: source }, await freePort());
    let floorRun;
    let floorRss;
    try {
      ctx.log('floor: the bare file server');
      floorRun = warmThenMeasure(floor, '/file', { connections: CONNECTIONS, seconds, warmSeconds, timeoutSeconds: 60 });
      floorRss = floor.peakRssMiB();
    } finally {
      await floor.stop();
    }

    const ratio = portalRun.bytesPerSecond / floorRun.bytesPerSecond;
    const toMiBs = (b: number) => ({ value: b / MiB, unit: 'MiB/s' });
    return {
      headline: `${(portalRun.bytesPerSecond / MiB).toFixed(0)} MiB/s through signed links (${ratio.toFixed(2)} × a bare Node file server)`,
      ratio,
      goalMet: ratio >= 0.9 && portalRun.errors === 0,
      figures: {
        'file size': { value: size / MiB, unit: 'MiB' },
        'portal throughput': toMiBs(portalRun.bytesPerSecond),
        'portal downloads': { value: portalRun.requests, unit: '' },
        'portal p99 (whole file)': { value: portalRun.p99Ms, unit: 'ms' },
        'portal non-2xx or socket errors': { value: portalRun.errors, unit: '' },
        'portal peak RSS (VmHWM)': { value: portalRss, unit: 'MiB' },
        'floor throughput': toMiBs(floorRun.bytesPerSecond),
        'floor downloads': { value: floorRun.requests, unit: '' },
        'floor peak RSS (VmHWM)': { value: floorRss, unit: 'MiB' },
        'portal CPU per MiB sent': { value: (portalRun.cpuMicrosPerRequest * portalRun.requests) / Math.max(1, (portalRun.bytesPerSecond * seconds) / MiB), unit: 'µs' },
        'floor CPU per MiB sent': { value: (floorRun.cpuMicrosPerRequest * floorRun.requests) / Math.max(1, (floorRun.bytesPerSecond * seconds) / MiB), unit: 'µs' },
        'load average (1 min) at the end': loadAverage(),
      },
      method: [
        `A ${size / MiB} MiB file of random bytes is published as a release file (streamed into the local blob store) and downloaded through one signed link;`,
        `the portal (\`portal serve --role web\`, SQLite, every download recorded) is pinned to core 0 and wrk to core 1 with ${CONNECTIONS} connections, ${warmSeconds} s of warm-up then ${seconds} s measured.`,
        'The floor is a bare Node `http` server piping `fs.createReadStream` of the same file, in the same setup. Throughput is wrk’s Transfer/sec; peak memory is VmHWM of the server process.',
      ],
    };
  },
};
export default bench;

/** Publishes the file as the portal would (release, upload, an entitled account) and answers a link's path. */
async function publishFile(env: Record<string, string>, source: string): Promise<string> {
  const container = createContainer(loadConfig(env));
  try {
    await prepare(container);
    const ctx = { actor: systemActor('bench'), ip: null };
    const product = await container.catalog.createProduct(ctx, { sku: 'BENCH-DL-1', name: 'Bench Download', productLine: 'Bench', version: '1', licenseModel: 'perpetual', unit: 'server' });
    const account = await container.accounts.insertAccountStandalone(ctx, { name: 'Bench Downloads', kind: 'customer' });
    const productRow = await container.store.db.selectFrom('products').selectAll().where('id', '=', product.id).executeTakeFirstOrThrow();
    await container.store.transaction((tx) =>
      container.licenseIssuer.issue(tx, ctx, { accountId: account.id, product: productRow, quantity: 1, hostId: null, expiresAt: null, maintenanceEndsAt: null, source: 'get_a_key', sourceRef: null, entitlementId: null, registrationId: null }),
    );
    const release = await container.releases.createRelease(ctx, { productSku: product.sku, version: '1.0.0', notes: '' });
    const file = await container.releases.storeFile(ctx, release.id, 'release.bin', createReadStream(source));
    const link = await container.downloads.createLink(ctx, account.id, file.id);
    return new URL(link.url).pathname;
  } finally {
    await container.close();
  }
}
