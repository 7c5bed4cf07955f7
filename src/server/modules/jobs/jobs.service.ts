import { hostname } from 'node:os';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId, newSecret } from '../../platform/ids.js';
import { jobsRepository } from './jobs.repository.js';

/** A job handler must be idempotent: a job whose worker died mid-way runs again. */
export type JobHandler = (payload: unknown, ctx: { now: Date; jobId: string }) => Promise<void>;

/** A recurring pass (deliver mail, plan reminders): runs on every tick; returns how much it did. */
/**
 * `waitForOthers`: an operator's run (`POST /admin/jobs/run-due`) waits for the rows another
 * worker's pass holds instead of leaving them to it, so that its answer covers everything due.
 */
export interface TaskOptions {
  waitForOthers: boolean;
}

export type PeriodicTask = (now: Date, options: TaskOptions) => Promise<number>;

export interface RunOptions extends Partial<TaskOptions> {
  /** Asked between jobs: a stopping worker takes no new one. */
  isStopping?: () => boolean;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** A job that must exist once: a second enqueue with the same key is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export interface RunReport {
  tasks: Record<string, number>;
  jobs: { done: number; failed: number };
}

const LEASE_SECONDS = 300;

/** The `jobs` table with leases (ARCHITECTURE.md): works the same on SQLite and PostgreSQL. */
export class JobQueue {
  readonly workerId = `${hostname()}:${process.pid}:${newSecret().slice(0, 6)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly tasks = new Map<string, PeriodicTask>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  every(name: string, task: PeriodicTask): void {
    this.tasks.set(name, task);
  }

  async enqueue(tx: Db, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<boolean> {
    const now = this.clock.now();
    return jobsRepository.insert(tx, {
      id: newId('job', now),
      kind,
      payload: JSON.stringify(payload ?? null),
      unique_key: options.uniqueKey ?? null,
      status: 'queued',
      run_at: (options.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: options.maxAttempts ?? 10,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now.toISOString(),
      finished_at: null,
    });
  }

  /**
   * One pass as of `now`: every periodic task, then every due job. Once `isStopping` says so the
   * pass takes nothing new, so a worker asked to stop finishes the job in hand, not the backlog.
   */
  async runDue(now: Date = this.clock.now(), options: RunOptions = {}): Promise<RunReport> {
    const isStopping = options.isStopping ?? (() => false);
    const report: RunReport = { tasks: {}, jobs: { done: 0, failed: 0 } };
    for (const [name, task] of this.tasks) {
      if (isStopping()) return report;
      report.tasks[name] = await task(now, { waitForOthers: options.waitForOthers ?? false });
    }
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString();
    while (!isStopping()) {
      const ids = await jobsRepository.listDueIds(this.db, nowIso, 100);
      if (ids.length === 0) break;
      let claimedAny = false;
      for (const id of ids) {
        if (isStopping()) break;
        const job = await jobsRepository.claim(this.db, id, this.workerId, nowIso, until);
        if (!job) continue;
        claimedAny = true;
        const ok = await this.runOne(job.id, job.kind, job.payload, job.attempts, job.max_attempts, now);
        if (ok) report.jobs.done++;
        else report.jobs.failed++;
      }
      if (!claimedAny) break;
    }
    return report;
  }

  async releaseClaims(): Promise<void> {
    await jobsRepository.release(this.db, this.workerId);
  }

  private async runOne(id: string, kind: string, payload: string, attempts: number, maxAttempts: number, now: Date): Promise<boolean> {
    const handler = this.handlers.get(kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${kind}`);
      await handler(JSON.parse(payload), { now, jobId: id });
      await jobsRepository.finish(this.db, id, this.workerId, new Date().toISOString());
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = attempts >= maxAttempts ? null : new Date(now.getTime() + Math.min(30 * 2 ** (attempts - 1), 3600) * 1000).toISOString();
      await jobsRepository.fail(this.db, id, this.workerId, message, retryAt, new Date().toISOString());
      return false;
    }
  }
}
