#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../server/config.js';
import { createContainer } from '../server/container.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { serve } from '../server/main.js';
import { backupSqlite, restoreSqlite } from '../server/operations/backup.js';

const program = new Command('portal').description('the Licensing Portal server and its operations');

program
  .command('serve')
  .description('serve the API and web app, and run the worker (PORTAL_ROLE / --role)')
  .addOption(new Option('--role <role>', 'web, worker or all').choices(['web', 'worker', 'all']))
  .action(async (opts: { role?: 'web' | 'worker' | 'all' }) => {
    const config = loadConfig();
    const running = await serve(config, opts.role ?? config.role);
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      running.app?.log.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const container = createContainer(loadConfig());
    const applied = await migrateToLatest(container.store.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    await container.close();
  });

program
  .command('backup <file>')
  .description('copy the embedded database to <file> while the portal runs (PostgreSQL: use pg_dump)')
  .action(async (file: string) => {
    const config = loadConfig();
    let shown = -1;
    const report = await backupSqlite(config.databaseUrl, file, (done, total) => {
      const percent = total ? Math.floor((done / total) * 100) : 100;
      if (percent !== shown && process.stderr.isTTY) process.stderr.write(`\rbacking up… ${percent}%`);
      shown = percent;
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`backup written to ${report.file} (${report.pages} pages, integrity ${report.integrity})`);
  });

program
  .command('restore <file>')
  .description('replace the embedded database with a backup; stop the portal first')
  .action((file: string) => {
    const config = loadConfig();
    const result = restoreSqlite(config.databaseUrl, file);
    console.log(`restored ${result.restored}${result.previous ? `; the previous database is kept at ${result.previous}` : ''}`);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
