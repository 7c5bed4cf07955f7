import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ROOT, startServer, type ServerProcess } from './validate-load.js';

/** Pins this process (the load generator) to `core`, leaving core 0 to the server. */
export function pinSelfToCore(core: number): void {
  spawnSync('taskset', ['-pc', String(core), String(process.pid)]);
}

/** `portal serve --role web` on the database, pinned to core 0, once /healthz answers. */
export async function startPortal(databaseUrl: string, dataDir: string): Promise<ServerProcess> {
  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORTAL_DEMO: '0',
    PORTAL_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    LOG_LEVEL: 'warn',
  };
  return startServer(join(ROOT, 'src/cli/portal.ts'), ['serve', '--role', 'web'], env, await freePort());
}

/** A floor server (bench/licenses-floor-server.ts) answering `body`, or streaming the file at `file`. */
export async function startFloor(workDir: string, content: { body: string } | { file: string }, type: string): Promise<ServerProcess> {
  let file: string;
  if ('body' in content) writeFileSync((file = join(workDir, 'floor-body')), content.body);
  else file = content.file;
  const env = { FLOOR_FILE: file, FLOOR_TYPE: type, FLOOR_MODE: 'body' in content ? 'fastify' : 'file' };
  return startServer(join(ROOT, 'bench/licenses-floor-server.ts'), [], env, await freePort());
}

/** Signs in through the API; the cookie for every later request. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lp_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export type { ServerProcess };
