import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** Where the client keeps its files, by the XDG Base Directory rules (relative values are ignored). */
export interface ClientPaths {
  /** Holds `config.json`: the portal URL, the API token and the notification settings. */
  configDir: string;
  configFile: string;
  /** Holds the contracts, the raised alerts, the cached signing keys and `alerts.log`. */
  stateDir: string;
  stateFile: string;
  signingKeysFile: string;
  alertsLog: string;
  lockFile: string;
}

const APP = 'renewal-assistant';

function xdgDir(env: NodeJS.ProcessEnv, variable: string, fallback: string[]): string {
  const value = env[variable];
  if (value && isAbsolute(value)) return join(value, APP);
  return join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), ...fallback, APP);
}

export function clientPaths(env: NodeJS.ProcessEnv = process.env): ClientPaths {
  const configDir = xdgDir(env, 'XDG_CONFIG_HOME', ['.config']);
  const stateDir = xdgDir(env, 'XDG_STATE_HOME', ['.local', 'state']);
  return {
    configDir,
    configFile: join(configDir, 'config.json'),
    stateDir,
    stateFile: join(stateDir, 'state.json'),
    signingKeysFile: join(stateDir, 'signing-keys.json'),
    alertsLog: join(stateDir, 'alerts.log'),
    lockFile: join(stateDir, 'state.lock'),
  };
}
