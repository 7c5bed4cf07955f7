import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { totpCode } from '../src/server/modules/two-factor/totp.js';
import { importCsv, seedPortal } from './get-a-key-seed.js';
import type { Benchmark } from './lib/types.js';
import { freePort, ROOT, startServer, type ServerProcess } from './validate-load.js';

const GOAL_ROWS_PER_SECOND = 10_000;

/**
 * `POST /api/v1/admin/orders/import` on SQLite: CSV files of one-line orders (each with a year of
 * maintenance: an order, a certificate, a serial, a maintenance contract and an audit entry per
 * row), against a bare Fastify route that receives and parses the same CSV.
 */
const bench: Benchmark = {
  description: 'Order import (`POST /api/v1/admin/orders/import`, CSV, one order with a serial number and a maintenance contract per row) on SQLite, against a bare Fastify route that receives and parses the same CSV.',
  goal: '≥ 10,000 lines a second',
  async run(ctx) {
    const rows = ctx.quick ? 5_000 : 50_000;
    const runs = ctx.quick ? 1 : 3;
    const dataDir = join(ctx.workDir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const seed = await seedPortal(`sqlite:${join(ctx.workDir, 'portal.db')}`, dataDir, 0);
    const files = Array.from({ length: runs }, (_, i) => importCsv(seed.accountId, seed.productSku, rows, `RUN${i}`));
    const warm = importCsv(seed.accountId, seed.productSku, 5_000, 'WARM');

    const portal = await startServer(join(ROOT, 'src', 'cli', 'portal.ts'), ['serve', '--role', 'web'], seed.env, await freePort());
    let portalSeconds: number[];
    let rss: number;
    let cpuSeconds: number;
    try {
      const session = await signIn(portal, seed.vendorEmail, seed.vendorPassword);
      await post(portal, warm, session, 5_000);
      ctx.log(`portal: ${runs} imports of ${rows.toLocaleString('en-US')} rows`);
      portalSeconds = [];
      const cpuBefore = portal.cpuSeconds();
      for (const file of files) portalSeconds.push(await post(portal, file, session, rows));
      cpuSeconds = portal.cpuSeconds() - cpuBefore;
      rss = portal.peakRssMiB();
    } finally {
      await portal.stop();
    }

    const floor = await startServer(join(ROOT, 'bench', 'get-a-key-floor-server.ts'), [], {}, await freePort());
    const floorSeconds: number[] = [];
    try {
      await post(floor, warm, null, 5_000);
      for (const file of files) floorSeconds.push(await post(floor, file, null, rows));
    } finally {
      await floor.stop();
    }
    const portalRate = rows / median(portalSeconds);
    const floorRate = rows / median(floorSeconds);
    const ratio = portalRate / floorRate;
    const cpuUsPerLine = (cpuSeconds * 1e6) / (rows * runs);
    return {
      headline: `${Math.round(portalRate).toLocaleString('en-US')} lines/s imported (${ratio.toFixed(3)} × receiving and parsing the CSV alone)`,
      ratio,
      goalMet: portalRate >= GOAL_ROWS_PER_SECOND,
      figures: {
        'import rate (median)': { value: portalRate, unit: 'lines/s' },
        'server CPU per line (user + system)': { value: cpuUsPerLine, unit: 'µs' },
        'lines per second one whole core would give (1 s ÷ CPU per line)': { value: 1e6 / cpuUsPerLine, unit: 'lines/s' },
        'import times': portalSeconds.map((s) => `${s.toFixed(2)} s`).join(', '),
        'rows per import': { value: rows, unit: '' },
        'CSV size': { value: Buffer.byteLength(files[0]!) / 1024 / 1024, unit: 'MiB' },
        'portal peak RSS (VmHWM)': { value: rss, unit: 'MiB' },
        'floor rate (median)': { value: floorRate, unit: 'lines/s' },
        'floor times': floorSeconds.map((s) => `${s.toFixed(2)} s`).join(', '),
        'SQLite synchronous': 'FULL (the default)',
      },
      method: [
        'The portal runs as `portal serve --role web` on a SQLite file (WAL, synchronous=FULL) pinned to core 0 with `taskset -c 0`; a vendor admin signs in and posts each CSV',
        `file once, one request at a time, after a warm-up import of 5,000 rows. Each of the ${runs} measured files holds ${rows.toLocaleString('en-US')} new one-line orders with a`,
        'maintenance term, so every row writes an order, a certificate, a serial number, a maintenance contract and an audit entry (certificates are mailed later by the worker).',
        'The figure is the median over the files of rows ÷ seconds from sending the request to the report. The floor is a bare Fastify 5 route in the same setup that receives the',
        'same CSV and parses it with csv-parse, doing nothing else. CPU per line is the server process\'s user + system time over the measured imports (/proc/<pid>/stat).',
      ],
    };
  },
};
export default bench;

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(server: ServerProcess, email: string, password: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = /lp_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('sign-in set no session cookie');
  const body = (await res.json()) as { csrfToken: string; twoFactorEnrollmentRequired?: true };
  const session = { cookie, csrf: body.csrfToken };
  // Vendor admins enrol an authenticator app before anything else: the bench does it like a person would.
  if (body.twoFactorEnrollmentRequired) {
    const call = (path: string, payload: object) =>
      fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrf }, body: JSON.stringify(payload) });
    const { secret } = (await (await call('/me/two-factor/totp', {})).json()) as { secret: string };
    const confirmed = await call('/me/two-factor/totp/confirm', { code: totpCode(secret, new Date()) });
    if (confirmed.status !== 200) throw new Error(`enrolling a second factor failed: ${await confirmed.text()}`);
  }
  return session;
}

/** Posts one CSV file and answers the seconds it took; checks every row was imported. */
async function post(server: ServerProcess, csv: string, session: Session | null, rows: number): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/admin/orders/import`, { method: 'POST', headers, body: csv });
  const text = await res.text();
  const seconds = (performance.now() - started) / 1000;
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${text.slice(0, 300)}`);
  const report = JSON.parse(text) as { imported: number };
  if (report.imported !== rows) throw new Error(`imported ${report.imported} of ${rows}: ${text.slice(0, 300)}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
