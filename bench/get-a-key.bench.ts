import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase } from '../src/server/db/database.js';
import { BENCH_REGISTRATION, seedPortal } from './get-a-key-seed.js';
import type { Benchmark, BenchContext } from './lib/types.js';
import { freePort, ROOT, runWrk, startServer, type ServerProcess, type WrkResult } from './validate-load.js';

const CONNECTIONS = 50;
const GOAL_PER_SECOND = 1000;

/**
 * Get a Key through the HTTP API on SQLite (`POST /accounts/{a}/get-a-key`, API token): each
 * request registers a new serial and issues one signed license (registration, claim, license,
 * three audit entries, the key e-mail in the outbox, the delivery), against a bare Fastify route
 * answering the same bytes.
 */
const bench: Benchmark = {
  description: 'Get a Key (`POST /api/v1/accounts/{a}/get-a-key`, a new serial each request: one signed license issued and its e-mail queued) on SQLite, against a bare Fastify route answering the same bytes.',
  goal: '≥ 1,000 licenses issued per second on the 2-core machine',
  async run(ctx) {
    const warmSeconds = ctx.quick ? 1 : 5;
    const seconds = ctx.quick ? 3 : 10;
    // Enough serials that no request of the measured run registers a serial twice at up to 6,000/s.
    const warmSerials = ctx.quick ? 3_000 : 20_000;
    const measureSerials = ctx.quick ? 10_000 : 60_000;
    const dataDir = join(ctx.workDir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const databaseUrl = `sqlite:${join(ctx.workDir, 'portal.db')}`;
    ctx.log(`seeding ${(warmSerials + measureSerials).toLocaleString('en-US')} serial numbers…`);
    const seed = await seedPortal(databaseUrl, dataDir, warmSerials + measureSerials);
    const path = `/api/v1/accounts/${seed.accountId}/get-a-key`;
    const bodies = (serials: string[], name: string) => {
      const file = join(ctx.workDir, name);
      writeFileSync(file, serials.map((serialNumber) => JSON.stringify({ serialNumber, registration: BENCH_REGISTRATION })).join('\n') + '\n');
      return file;
    };
    const warmFile = bodies(seed.serialNumbers.slice(0, warmSerials), 'warm.jsonl');
    const measureFile = bodies(seed.serialNumbers.slice(warmSerials), 'measure.jsonl');
    const wrk = (url: string, file: string, s: number) => runWrk(url, { connections: CONNECTIONS, seconds: s, script: join(ROOT, 'bench', 'get-a-key-wrk.lua'), scriptArgs: [file, path, seed.token] });

    const portal = await startServer(join(ROOT, 'src', 'cli', 'portal.ts'), ['serve', '--role', 'web'], seed.env, await freePort());
    let answer: string;
    let run: WrkResult;
    let rss: number;
    let issued: number;
    let cpuSeconds: number;
    try {
      answer = await sampleAnswer(portal, path, seed.token, seed.serialNumbers.at(-1)!);
      ctx.log(`portal: ${warmSeconds} s warm-up, then ${seconds} s measured`);
      wrk(portal.url, warmFile, warmSeconds);
      const before = await licenseCount(databaseUrl);
      const cpuBefore = portal.cpuSeconds();
      run = wrk(portal.url, measureFile, seconds);
      cpuSeconds = portal.cpuSeconds() - cpuBefore;
      issued = (await licenseCount(databaseUrl)) - before;
      rss = portal.peakRssMiB();
    } finally {
      await portal.stop();
    }
    const floor = await floorRun(ctx, answer, (url) => wrk(url, measureFile, seconds), warmSeconds, (url) => wrk(url, warmFile, warmSeconds));
    const perSecond = issued / seconds;
    const cpuMsPerLicense = (cpuSeconds * 1000) / issued;
    const ratio = run.requestsPerSecond / floor.requestsPerSecond;
    return {
      headline: `${Math.round(perSecond).toLocaleString('en-US')} licenses issued/s, p99 ${run.p99Ms.toFixed(1)} ms (${ratio.toFixed(3)} × bare Fastify)`,
      ratio,
      goalMet: perSecond >= GOAL_PER_SECOND && run.errors === 0,
      figures: {
        'licenses issued per second': { value: perSecond, unit: 'licenses/s' },
        'licenses issued in the measured run': { value: issued, unit: '' },
        'server CPU per license (user + system)': { value: cpuMsPerLicense, unit: 'ms' },
        'licenses per second one whole core would give (1 s ÷ CPU per license)': { value: 1000 / cpuMsPerLicense, unit: 'licenses/s' },
        'portal throughput': { value: run.requestsPerSecond, unit: 'req/s' },
        'portal p50': { value: run.p50Ms, unit: 'ms' },
        'portal p99': { value: run.p99Ms, unit: 'ms' },
        'portal non-2xx or socket errors': { value: run.errors, unit: '' },
        'portal peak RSS (VmHWM)': { value: rss, unit: 'MiB' },
        'floor throughput (bare Fastify)': { value: floor.requestsPerSecond, unit: 'req/s' },
        'floor p50': { value: floor.p50Ms, unit: 'ms' },
        'floor p99': { value: floor.p99Ms, unit: 'ms' },
        'answer size': { value: Buffer.byteLength(answer), unit: 'bytes' },
        'SQLite synchronous': 'FULL (the default: every commit survives power loss)',
      },
      method: [
        'The portal runs as `portal serve --role web` on a SQLite file (WAL, synchronous=FULL) pinned to core 0 with `taskset -c 0`; wrk runs pinned to core 1 with one thread and',
        `${CONNECTIONS} connections, ${warmSeconds} s of warm-up on serials of their own, then ${seconds} s measured. Each request registers a serial that was never registered`,
        '(the seeded order import made them) with an API token, so every request issues a license, signs its file with Ed25519 and queues its e-mail.',
        '"Licenses issued per second" counts the licenses the measured run added to the database. The floor is a bare Fastify 5 route at the same path in the same setup that',
        'parses the same JSON body and answers a recorded portal answer of the same size. Peak memory is VmHWM of the server process; CPU per license is the server',
        "process's user + system time during the measured run (/proc/<pid>/stat) divided by the licenses it issued.",
      ],
    };
  },
};
export default bench;

async function sampleAnswer(portal: ServerProcess, path: string, token: string, serialNumber: string): Promise<string> {
  const res = await fetch(portal.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ serialNumber, registration: BENCH_REGISTRATION }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`Get a Key answered ${res.status}: ${text}`);
  return text;
}

async function licenseCount(url: string): Promise<number> {
  const handle = createDatabase({ url });
  try {
    const row = await handle.db.selectFrom('licenses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

async function floorRun(ctx: BenchContext, answer: string, measure: (url: string) => WrkResult, _warmSeconds: number, warm: (url: string) => WrkResult): Promise<WrkResult> {
  const floor = await startServer(join(ROOT, 'bench', 'get-a-key-floor-server.ts'), [], { FLOOR_ANSWER: answer }, await freePort());
  try {
    ctx.log('floor: the bare Fastify route');
    warm(floor.url);
    return measure(floor.url);
  } finally {
    await floor.stop();
  }
}
