import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { prepare } from './boot.js';
import type { Config } from './config.js';
import { createContainer } from './container.js';
import { DEMO_PASSWORD } from './demo/demo-data.js';
import { startWorker } from './jobs/worker.js';

export interface Running {
  app: FastifyInstance | null;
  url: string | null;
  stop(): Promise<void>;
}

/** `portal serve`: prepares the database, then plays the roles asked for (web, worker or all). */
export async function serve(config: Readonly<Config>, role: Config['role'] = config.role): Promise<Running> {
  const container = createContainer(config);
  const prepared = await prepare(container);
  const app = await buildApp(container, {
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      serializers: {
        // One-time links and feed tokens travel in URLs: keep them out of the log.
        req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
      },
    },
  });
  const worker = role === 'web' ? null : startWorker(container.jobs, app.log);
  let url: string | null = null;
  if (role !== 'worker') {
    url = await app.listen({ port: config.port, host: config.host });
  } else {
    await app.ready();
  }
  if (prepared.demo) {
    app.log.info('demo data loaded');
    printDemo(config, prepared.demo.users, prepared.demo.notes);
  }
  const stop = async () => {
    // Both at once: the worker takes no new job while the last requests finish.
    await Promise.all([closeHttp(app), worker?.stop()]); // the worker finishes the job in hand and gives back its claims
    await container.close();
  };
  return { app, url, stop };
}

/**
 * Stops accepting and finishes the requests in flight. Node closes the connections that are idle
 * when the close begins; one whose response ends later (a long download, say) would stay open
 * until its keep-alive timeout, holding the process that long, so idle ones are closed as they come.
 */
async function closeHttp(app: FastifyInstance): Promise<void> {
  const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(reaper);
  }
}

function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]+/g, '$1…').replace(/^\/dl\/[^/?]+/, '/dl/…');
}

function printDemo(config: Readonly<Config>, users: { email: string; account: string; role: string }[], notes: string[]): void {
  const lines = [
    '',
    `  ${config.vendorName} Licensing Portal: ${config.publicUrl}`,
    `  Demo users (password "${DEMO_PASSWORD}"):`,
    ...users.map((u) => `    ${u.email.padEnd(20)} ${u.role.padEnd(14)} ${u.account}`),
    ...notes.map((n) => `  ${n}`),
    '  Start without demo data: PORTAL_DEMO=0 on a new database.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
