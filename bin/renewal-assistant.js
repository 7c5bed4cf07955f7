#!/usr/bin/env node
// Runs the TypeScript entry through tsx in this very process, so the package works without a
// build step, and signals (SIGTERM from a service manager stopping `watch`) reach the client.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register();
await import(pathToFileURL(join(root, 'src/cli/renewal-assistant/main.ts')).href);
