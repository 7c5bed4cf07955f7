import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PORTAL_BIN = join(import.meta.dirname, '../../bin/portal.js');

export type Role = 'web' | 'worker' | 'all';

/** What every instance of one portal shares: its database, its secret and its data directory. */
export interface Deployment {
  databaseUrl: string;
  secret: string;
  dataDir: string;
}

/** One `portal serve --role …` in a process of its own, as an operator runs it. */
export interface PortalProcess {
  role: Role;
  /** `http://127.0.0.1:<port>` for the roles that serve HTTP, else null. */
  url: string | null;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string>;
  /** What the process wrote to stderr, for the failure message of a test. */
  stderr(): string;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the process and, for a serving role, waits until `/healthz` answers 200. */
export async function startPortalProcess(deployment: Deployment, role: Role, env: Record<string, string> = {}): Promise<PortalProcess> {
  const port = role === 'worker' ? 0 : await freePort();
  const url = role === 'worker' ? null : `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [PORTAL_BIN, 'serve', '--role', role], {
    env: {
      ...process.env,
      DATABASE_URL: deployment.databaseUrl,
      PORTAL_SECRET: deployment.secret,
      DATA_DIR: deployment.dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTAL_DEMO: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const running: PortalProcess = { role, url, child, exited, stderr: () => stderr };
  if (url) await waitUntilHealthy(running);
  return running;
}

async function waitUntilHealthy(portal: PortalProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void portal.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`portal --role ${portal.role} exited while starting: ${portal.stderr()}`);
    const ok = await fetch(`${portal.url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(50);
  }
  portal.child.kill('SIGKILL');
  throw new Error(`portal --role ${portal.role} did not answer /healthz within ${timeoutMs} ms: ${portal.stderr()}`);
}

/** Sends the signal and waits for the process to be gone. */
export async function stopPortalProcess(portal: PortalProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (portal.child.exitCode === null && portal.child.signalCode === null) portal.child.kill(signal);
  return portal.exited;
}

/** CPU seconds (user + system) the process has used so far, from /proc; 0 once it is gone. */
export function cpuSeconds(portal: PortalProcess): number {
  try {
    const stat = readFileSync(`/proc/${portal.child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are the 12th and 13th fields after the command name, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
