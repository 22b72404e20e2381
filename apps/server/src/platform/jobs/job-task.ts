import type { JobHelpers, TaskList } from 'graphile-worker';
import { z } from 'zod';
import { systemCtx, type Ctx } from '../context.ts';
import type { Logger } from '../logging/logger.ts';

/** What a handler knows about the run it is part of. */
export interface JobInfo {
  id: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  maxAttempts: number;
  /** Aborts when the worker is stopping and the job should wrap up early. */
  signal: AbortSignal;
}

export type TaskHandler<T> = (ctx: Ctx, payload: T, job: JobInfo) => Promise<void>;

/** A named kind of job: the shape of its payload (as JSON) and what to do with it. */
export interface TaskDefinition<P = unknown> {
  readonly name: string;
  readonly schema: z.ZodType<unknown, P>;
  /** Runs the handler on a payload that `schema` has parsed. */
  readonly run: TaskHandler<unknown>;
  /**
   * Also run on this crontab schedule (`* * * * *`: every minute), once per
   * tick across all workers. Its payload then carries graphile's `_cron` details.
   */
  readonly schedule?: string;
}

/** Thrown (by a handler, or for a payload the schema rejects) when retrying cannot help: the job fails at once and is kept. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

const TASK_NAME = /^[a-z][a-z0-9_.:-]{0,127}$/;

/**
 * Declares a task. Handlers run at least once (a crash or a forced stop runs
 * them again), so they must be idempotent. The schema describes the payload as
 * JSON: dates are strings (use z.iso.datetime() or z.coerce.date()). A payload
 * with a string `tenantId` runs with ctx.tenantId set to it.
 */
export function defineTask<S extends z.ZodType>(name: string, schema: S, handler: TaskHandler<z.output<S>>): TaskDefinition<z.input<S>> {
  if (!TASK_NAME.test(name)) throw new Error(`task name "${name}" must be 1–128 of a-z 0-9 _ . : - starting with a letter`);
  // `run` is only ever called with the output of `schema`, so the cast holds.
  return { name, schema: schema as z.ZodType<unknown, z.input<S>>, run: (ctx, payload, job) => handler(ctx, payload as z.output<S>, job) };
}

/** graphile-worker's task list for these definitions, each wrapped to validate its payload and build its ctx. */
export function toTaskList(tasks: readonly TaskDefinition[], log: Logger): TaskList {
  const list: TaskList = {};
  for (const task of tasks) {
    if (list[task.name]) throw new Error(`two job tasks are named "${task.name}"`);
    list[task.name] = (payload, helpers) => runTask(task, payload, helpers, log);
  }
  return list;
}

async function runTask(task: TaskDefinition, raw: unknown, helpers: JobHelpers, log: Logger): Promise<void> {
  const { job } = helpers;
  const jobLog = log.child({ job: { id: job.id, task: task.name, attempt: job.attempts } });
  try {
    const parsed = task.schema.safeParse(raw);
    if (!parsed.success) throw new PermanentJobError(`invalid payload: ${z.prettifyError(parsed.error).slice(0, 500)}`);
    const ctx: Ctx = { ...systemCtx(jobLog, `job:${task.name}`, tenantOf(parsed.data)), requestId: `job-${job.id}` };
    await task.run(ctx, parsed.data, { id: job.id, attempt: job.attempts, maxAttempts: job.max_attempts, signal: helpers.abortSignal });
  } catch (err) {
    if (err instanceof PermanentJobError) await giveUp(helpers, jobLog);
    throw err;
  }
}

/**
 * graphile-worker has no "fail for good" for a running job (its
 * permanently_fail_jobs skips locked ones), so we lower max_attempts to the
 * attempts made; the failure graphile then records leaves the job kept and
 * never picked again. Relies on graphile-worker 0.17's table layout.
 */
async function giveUp(helpers: JobHelpers, log: Logger): Promise<void> {
  await helpers
    .withPgClient((client) => client.query('update graphile_worker._private_jobs set max_attempts = attempts where id = $1', [helpers.job.id]))
    .catch((err: unknown) => log.error({ err }, 'could not mark job as permanently failed; it will be retried'));
}

function tenantOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null || !('tenantId' in payload)) return null;
  return typeof payload.tenantId === 'string' ? payload.tenantId : null;
}
