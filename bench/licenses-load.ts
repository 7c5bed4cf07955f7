import { createRequire } from 'node:module';

/** The little of autocannon's API used here (the package ships no types). */
interface Instance extends PromiseLike<{ errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Instance;

/** Latency figures of one scenario, in milliseconds, and its rate. */
export interface LoadResult {
  requests: number;
  /** Server CPU time per request in the measured run, when the server was given: what one idle core would take. */
  cpuMsPerRequest: number | null;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  /** Paths taken in turn, so that one scenario reads many different pages. */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** The server process, to read its CPU time around the measured run. */
  server?: { cpuSeconds(): number };
}

/**
 * autocannon against rotating paths: a warm-up that is thrown away, then the measured run.
 * Latencies are collected per response so that p95 is exact (autocannon's histogram has no p95).
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run({ ...options, seconds: options.warmupSeconds });
  const cpuBefore = options.server?.cpuSeconds();
  const result = await run(options);
  const cpu = options.server && cpuBefore !== undefined ? options.server.cpuSeconds() - cpuBefore : null;
  return { ...result, cpuMsPerRequest: cpu === null ? null : (cpu * 1000) / Math.max(1, result.requests) };
}

async function run(options: LoadOptions): Promise<Omit<LoadResult, 'cpuMsPerRequest'>> {
  let next = 0;
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    requests: [
      {
        setupRequest: (req: Record<string, unknown>) => ({ ...req, method: 'GET', path: options.paths[next++ % options.paths.length] }),
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status >= 400) errors++;
    latencies.push(responseTime);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    rps: latencies.length / options.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: errors + result.errors + result.timeouts,
  };
}
