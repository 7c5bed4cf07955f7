import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/server/config.js';
import { createContainer } from '../../src/server/container.js';
import { ManualClock } from '../../src/server/platform/clock.js';

/**
 * One more portal worker in a process of its own, on the database at `url`: it runs `passes`
 * worker passes as of `now`, as `portal serve --role worker` would, and prints what it did.
 * Usage: node --import tsx reminder-worker.ts <databaseUrl> <nowIso> <passes>
 */
const [url, now, passes] = process.argv.slice(2) as [string, string, string];
const config = loadConfig({
  DATABASE_URL: url,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-worker-')),
  PORTAL_SECRET: 'test-secret-test-secret-test-secret-0123',
  PUBLIC_URL: 'http://portal.test',
  PORTAL_PASSWORD_HASH_COST: 'test',
  PORTAL_DEMO: '0',
  LOG_LEVEL: 'silent',
  SQLITE_SYNCHRONOUS: 'normal',
});
const at = new Date(now);
const container = createContainer(config, { clock: new ManualClock(at), mailer: null });
let reminders = 0;
for (let i = 0; i < Number(passes); i++) reminders += (await container.jobs.runDue(at)).tasks.reminders ?? 0;
await container.close();
process.stdout.write(JSON.stringify({ reminders }) + '\n');
