import type { Output } from './output.js';
import type { ClientPaths } from './paths.js';

/** What every command is handed: where the files are, the clock of this run, and how to talk. */
export interface CommandContext {
  paths: ClientPaths;
  now: Date;
  out: Output;
}
