import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../modules/jobs/jobs.service.js';

/**
 * The worker role: a pass over due work every `intervalMs`. Passes never overlap; `stop()`
 * lets the pass in flight finish the task or job in hand (it takes nothing new) and gives back
 * this worker's job claims.
 */
export function startWorker(queue: JobQueue, log: FastifyBaseLogger, intervalMs = 1000): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    if (stopped) return;
    current = queue
      .runDue(undefined, { isStopping: () => stopped })
      .then((report) => {
        const did = Object.values(report.tasks).reduce((a, b) => a + b, 0) + report.jobs.done + report.jobs.failed;
        if (did > 0) log.info({ report }, 'worker pass');
      })
      .catch((error: unknown) => log.error({ err: error }, 'worker pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 10);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      await queue.releaseClaims();
    },
  };
}
