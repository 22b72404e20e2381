import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';

/**
 * Reads and admin actions over graphile-worker's public `jobs` view and
 * functions. A job is permanently failed once its attempts reach max_attempts
 * and no worker holds it; graphile keeps such jobs until they are retried or
 * deleted.
 */

type Queryable = Db | Tx;

export interface FailedJob {
  id: string;
  task: string;
  queue: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date;
}

export interface FailedJobsPage {
  jobs: FailedJob[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const ID = /^[1-9]\d{0,18}$/;

function jobId(value: string): string {
  if (!ID.test(value)) throw new RangeError(`"${value}" is not a job id`);
  return value;
}

/**
 * graphile records no failure time, but a failure sets
 * run_at = now() + exp(least(attempts, 10)) s, so we can take it back out;
 * permanently_fail_jobs() instead sets updated_at, hence the greatest().
 */
const FAILED_AT = sql`greatest(updated_at, run_at - exp(least(attempts, 10)) * interval '1 second')`;
const IS_FAILED = sql`attempts >= max_attempts and locked_at is null`;

/** Permanently failed jobs, newest first. */
export async function listFailedJobs(db: Queryable, page: { limit?: number; cursor?: string | null } = {}): Promise<FailedJobsPage> {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), 1000);
  const cursor = page.cursor ? jobId(page.cursor) : null;
  const result = await db.execute<{
    id: string;
    task: string;
    queue: string | null;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
    created_at: string;
    failed_at: string;
  }>(sql`
    select id::text as id, task_identifier as task, queue_name as queue, attempts, max_attempts, last_error,
           to_json(created_at) #>> '{}' as created_at, to_json(${FAILED_AT}) #>> '{}' as failed_at
    from graphile_worker.jobs
    where ${IS_FAILED} and (${cursor}::bigint is null or id < ${cursor}::bigint)
    order by id desc
    limit ${limit + 1}`);
  const rows = result.rows.slice(0, limit);
  return {
    jobs: rows.map((r) => ({
      id: r.id,
      task: r.task,
      queue: r.queue,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at),
      failedAt: new Date(r.failed_at),
    })),
    nextCursor: result.rows.length > limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}

/**
 * Queues a permanently failed job to run again now, its attempts reset to 0 under
 * its max_attempts (which is 1 for a job failed by PermanentJobError). False if no such failed job.
 */
export async function retryJob(db: Queryable, id: string): Promise<boolean> {
  const result = await db.execute(sql`
    select id from graphile_worker.reschedule_jobs(
      array(select id from graphile_worker.jobs where id = ${jobId(id)}::bigint and ${IS_FAILED}),
      run_at => now(), attempts => 0)`);
  return result.rows.length > 0;
}

/** Deletes a job that no worker is running (failed or still waiting). False if none was deleted. */
export async function deleteJob(db: Queryable, id: string): Promise<boolean> {
  const result = await db.execute(sql`select id from graphile_worker.complete_jobs(array[${jobId(id)}::bigint])`);
  return result.rows.length > 0;
}

export interface JobCounts {
  /** Waiting to run, now or later (retries waiting out their backoff included). */
  queued: number;
  /** Held by a worker. */
  running: number;
  /** Permanently failed and kept. */
  failed: number;
}

export async function countJobs(db: Queryable): Promise<JobCounts> {
  const result = await db.execute<{ queued: number; running: number; failed: number }>(sql`
    select count(*) filter (where locked_at is null and attempts < max_attempts)::int as queued,
           count(*) filter (where locked_at is not null)::int as running,
           count(*) filter (where ${IS_FAILED})::int as failed
    from graphile_worker.jobs`);
  const row = result.rows[0];
  return { queued: row?.queued ?? 0, running: row?.running ?? 0, failed: row?.failed ?? 0 };
}
