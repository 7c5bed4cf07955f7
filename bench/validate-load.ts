import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';

/**
 * The HTTP load rig of the validation and download benchmarks (method: ../shared/BENCH.md): the
 * server under test in its own process pinned to core 0, wrk pinned to core 1, and the server's
 * peak memory read from /proc.
 */
export const ROOT = join(import.meta.dirname, '..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident memory so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** CPU time the process has used so far (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript entry with `node --import tsx`, pinned to `core`, and waits until `readyPath` answers. */
export async function startServer(entry: string, args: string[], env: Record<string, string>, port: number, readyPath = '/healthz', core = 0): Promise<ServerProcess> {
  const child: ChildProcess = spawn('taskset', ['-c', String(core), process.execPath, '--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode} before answering`);
    const ok = await fetch(url + readyPath).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error(`${entry} did not answer ${readyPath} within 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    peakRssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; in clock ticks (100/s).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface WrkResult {
  requestsPerSecond: number;
  bytesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

/** wrk on core 1: `-t1 -c<connections> -d<seconds>s --latency`, with an optional Lua script and its arguments; a request unanswered after `timeoutSeconds` (10) counts as an error. */
export function runWrk(url: string, opts: { connections: number; seconds: number; script?: string; scriptArgs?: string[]; core?: number; timeoutSeconds?: number }): WrkResult {
  const args = ['-c', String(opts.core ?? 1), 'wrk', '-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency', '--timeout', `${opts.timeoutSeconds ?? 10}s`];
  if (opts.script) args.push('-s', opts.script);
  args.push(url);
  if (opts.scriptArgs?.length) args.push('--', ...opts.scriptArgs);
  const run = spawnSync('taskset', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
  return parseWrk(run.stdout);
}

function parseWrk(out: string): WrkResult {
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  const latency = (pct: string) => toMs(new RegExp(`^\\s+${pct}%\\s+([\\d.]+\\w+)`, 'm').exec(out)?.[1] ?? 'NaN');
  const errors = num(/Non-2xx or 3xx responses: (\d+)/) || 0;
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requestsPerSecond: num(/Requests\/sec:\s+([\d.]+)/),
    bytesPerSecond: toBytes(/Transfer\/sec:\s+([\d.]+\w+)/.exec(out)?.[1] ?? 'NaN'),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    requests: num(/(\d+) requests in/),
    errors: errors + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
  };
}

function toMs(v: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

function toBytes(v: string): number {
  const m = /^([\d.]+)(B|KB|MB|GB)$/.exec(v);
  if (!m) return NaN;
  return Number(m[1]) * { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[m[2] as 'B'];
}

/**
 * Warm up for `warmSeconds`, then measure: the figures of the measured run only, with the server's
 * CPU time per request. On a shared machine the server gets a varying share of its core, so CPU
 * per request compares two servers more steadily than requests per second do.
 */
export function warmThenMeasure(
  server: ServerProcess,
  path: string,
  opts: Parameters<typeof runWrk>[1] & { warmSeconds: number; databaseCpuSeconds?: () => number },
): WrkResult & { cpuMicrosPerRequest: number; databaseCpuMicrosPerRequest: number } {
  runWrk(server.url + path, { ...opts, seconds: opts.warmSeconds });
  const cpuBefore = server.cpuSeconds();
  const databaseBefore = opts.databaseCpuSeconds?.() ?? 0;
  const result = runWrk(server.url + path, opts);
  const perRequest = (seconds: number) => (seconds * 1e6) / Math.max(1, result.requests);
  return { ...result, cpuMicrosPerRequest: perRequest(server.cpuSeconds() - cpuBefore), databaseCpuMicrosPerRequest: perRequest((opts.databaseCpuSeconds?.() ?? 0) - databaseBefore) };
}

/** CPU time (user + system, seconds) of every process named `command` so far: a local database server's backends, say. */
export function processesCpuSeconds(command: string): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(') ');
    if (stat.slice(open + 1, close) !== command) continue;
    const fields = stat.slice(close + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/** The 1-minute load average: on a shared machine, says how much else ran beside the benchmark. */
export const loadAverage = (): { value: number; unit: string } => ({ value: loadavg()[0]!, unit: '' });
