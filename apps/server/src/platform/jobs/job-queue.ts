import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { executePrepared } from '../db/prepared-statement.ts';
import type { TaskDefinition } from './job-task.ts';

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Runs before the job counts as permanently failed (default: JOB_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /**
   * At most one waiting job per key: enqueueing again replaces the waiting
   * job's payload and run time and resets its attempts. A job already running
   * under the key finishes, and the new one is queued beside it.
   */
  jobKey?: string;
  /** With jobKey: 'preserve_run_at' keeps the waiting job's run time (throttle rather than debounce). */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  /** Lower runs first; default 0. */
  priority?: number;
  /** Jobs that share a queue name run one at a time, in order. */
  queue?: string;
}

export interface EnqueuedJob {
  id: string;
}

/** A task by its definition (payload typed and checked) or, for a task defined elsewhere, by name. */
export type TaskRef<P> = TaskDefinition<P> | string;

/**
 * Adds a job inside the caller's transaction: it exists, and a worker sees it,
 * only if that transaction commits. A definition's schema checks the payload
 * as the handler will receive it (after a JSON round trip), so a mistake fails
 * the caller now rather than the job later.
 */
export async function enqueueJob<P>(
  tx: Tx,
  task: TaskRef<P>,
  payload: NoInfer<P>,
  options: EnqueueOptions & { maxAttempts: number },
): Promise<EnqueuedJob> {
  const json = JSON.stringify(payload ?? {});
  if (typeof task !== 'string') task.schema.parse(JSON.parse(json));
  const name = typeof task === 'string' ? task : task.name;
  // One statement as the application role: app_enqueue_job (migration 0018) calls the queue's add_job as its owner.
  const [row] = await executePrepared<{ id: string | null }>(tx, sql`
    select app_enqueue_job(
      ${name}::text, ${json}::json, ${options.queue ?? null}::text, ${options.runAt?.toISOString() ?? null}::timestamptz,
      ${options.maxAttempts}::int, ${options.jobKey ?? null}::text, ${options.priority ?? null}::int, ${options.jobKeyMode ?? 'replace'}::text
    )::text as id`);
  if (!row?.id) throw new Error(`the job queue returned no job for task "${name}"`);
  return { id: row.id };
}

/**
 * Adds one job per payload, all with the same options, in one statement inside the caller's
 * transaction (app_enqueue_jobs, migration 0022). Returns how many it queued.
 */
export async function enqueueJobs<P>(tx: Tx, task: TaskRef<P>, payloads: ReadonlyArray<NoInfer<P>>, options: EnqueueOptions & { maxAttempts: number }): Promise<number> {
  if (payloads.length === 0) return 0;
  const name = typeof task === 'string' ? task : task.name;
  const specs = payloads.map((payload) => {
    const json = JSON.stringify(payload ?? {});
    if (typeof task !== 'string') task.schema.parse(JSON.parse(json));
    return {
      identifier: name, payload: JSON.parse(json) as unknown, queue_name: options.queue ?? null, run_at: options.runAt?.toISOString() ?? null,
      max_attempts: options.maxAttempts, job_key: options.jobKey ?? null, priority: options.priority ?? null,
    };
  });
  const [row] = await executePrepared<{ count: number }>(tx, sql`select app_enqueue_jobs(${JSON.stringify(specs)}::json) as count`);
  if (row?.count !== payloads.length) throw new Error(`the job queue took ${row?.count ?? 0} of ${payloads.length} jobs for task "${name}"`);
  return row.count;
}

/** What services are given: enqueueJob and enqueueJobs with the deployment's defaults filled in. */
export interface JobQueue {
  enqueue<P>(tx: Tx, task: TaskRef<P>, payload: NoInfer<P>, options?: EnqueueOptions): Promise<EnqueuedJob>;
  /** Several jobs of one task in one statement; a job key would make them replace each other, so there is none. */
  enqueueMany<P>(tx: Tx, task: TaskRef<P>, payloads: ReadonlyArray<NoInfer<P>>, options?: Omit<EnqueueOptions, 'jobKey' | 'jobKeyMode'>): Promise<number>;
}

export function createJobQueue(defaults: { maxAttempts: number }): JobQueue {
  return {
    enqueue: (tx, task, payload, options = {}) => enqueueJob(tx, task, payload, { ...options, maxAttempts: options.maxAttempts ?? defaults.maxAttempts }),
    enqueueMany: (tx, task, payloads, options = {}) => enqueueJobs(tx, task, payloads, { ...options, maxAttempts: options.maxAttempts ?? defaults.maxAttempts }),
  };
}
