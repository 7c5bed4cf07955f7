import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientPaths, type ClientPaths } from '../../src/cli/renewal-assistant/paths.js';
import type { ClientState } from '../../src/cli/renewal-assistant/state.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const MAIN = join(ROOT, 'src', 'cli', 'renewal-assistant', 'main.ts');
/** tsx from this project, whatever directory the client is started in. */
const TSX = import.meta.resolve('tsx');

/** A home of its own for one client: config and state directories, no colour, no inherited clock. */
export interface ClientHome {
  dir: string;
  env: Record<string, string>;
  paths: ClientPaths;
}

export function makeHome(): ClientHome {
  const dir = mkdtempSync(join(tmpdir(), 'ra-home-'));
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state'), NO_COLOR: '1' };
  return { dir, env, paths: clientPaths(env) };
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cleanEnv(home: ClientHome, extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RENEWAL_ASSISTANT_') && !name.startsWith('XDG_') && name !== 'FORCE_COLOR'));
  return { ...inherited, ...home.env, ...extra };
}

/** Start the client as a person or cron would, without the bin wrapper (so a kill reaches it). */
export function spawnCli(home: ClientHome, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd: home.dir, env: cleanEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runCli(home: ClientHome, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawnCli(home, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

export function readStateFile(home: ClientHome): ClientState {
  return JSON.parse(readFileSync(home.paths.stateFile, 'utf8')) as ClientState;
}

export function readAlertsLog(home: ClientHome): string[] {
  try {
    return readFileSync(home.paths.alertsLog, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
