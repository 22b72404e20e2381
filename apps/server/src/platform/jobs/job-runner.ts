import { EventEmitter } from 'node:events';
import { parseCronItems, run, type WorkerEvents, type WorkerPool } from 'graphile-worker';
import type { Config } from '../../config.ts';
import { createPool } from '../db/pool.ts';
import type { Logger } from '../logging/logger.ts';
import { graphileLogger } from './graphile-logger.ts';
import { toTaskList, type TaskDefinition } from './job-task.ts';

export interface JobRunnerOptions {
  config: Config;
  databaseUrl: string;
  log: Logger;
  tasks: readonly TaskDefinition[];
}

export interface JobRunner {
  /**
   * Takes no new jobs and lets running ones finish. Jobs still running at the
   * grace deadline are failed (so they retry later, on this or another worker)
   * and the runner stops. Its own pool is closed. Safe to call twice.
   */
  stop(): Promise<void>;
  /** Settles when the runner has stopped; rejects if it died on its own. */
  done: Promise<void>;
}

/**
 * How long stop() waits for running jobs: three quarters of what the shutdown
 * deadline leaves after draining, so the pools and an embedded PostgreSQL
 * still close before the process gives up. Handlers see their abort signal at
 * half of it.
 */
export function stopGraceMs(config: Config): number {
  return Math.max(0, Math.floor((config.lifecycle.shutdownTimeoutMs - config.lifecycle.shutdownDrainMs) * 0.75));
}

/**
 * How the runner fetches and settles jobs in batches (graphile-worker's local queue). Every order
 * queues a mail, so under load jobs arrive by the hundred per second; fetched one by one, each
 * cost a query and a commit to fetch and another to complete, and woke every idle worker.
 * - Up to four jobs per running slot are fetched (and locked) in one query and handed out
 *   locally; ones not started within the TTL go back to the queue for other instances.
 * - After a fetch that found nothing, the next waits about 50 ms, however many new-job notices
 *   arrive meanwhile (up to a random limit): a burst is then fetched at once.
 * - Completions and failures within 10 ms are written in one statement. Batching (even with no
 *   delay) also makes shutdown wait for the last of them to be written; unbatched, they were
 *   fire-and-forget and raced the pool closing. Jobs of a process killed within those 10 ms
 *   run again once their lock expires: at least once, as for a process killed mid-job.
 */
function batching(concurrency: number) {
  const size = Math.max(2, concurrency * 4);
  return {
    localQueue: { size, ttl: 60_000, refetchDelay: { durationMs: 50, maxAbortThreshold: 5 * size } },
    completeJobBatchDelay: 10,
    failJobBatchDelay: 10,
  };
}

/**
 * Runs graphile-worker over the given tasks. Retries back off exponentially:
 * a job that fails its n-th run waits exp(min(n, 10)) seconds (3 s, 7 s, 20 s,
 * 55 s, 2.5 min, 7 min, 18 min, 50 min, 2.2 h, then 6.1 h each time); with
 * the default JOB_MAX_ATTEMPTS=10 a job keeps trying for about 3.6 hours, then
 * is kept as permanently failed (see jobs.repository.ts).
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { config, log } = options;
  const graceMs = stopGraceMs(config);
  const taskList = toTaskList(options.tasks, log);
  // Its own small pool: graphile holds one connection for LISTEN, and busy
  // handlers must not starve HTTP requests of the runtime's pool (or vice versa).
  const pool = createPool(
    {
      url: options.databaseUrl,
      max: config.worker.concurrency + 2,
      statementTimeoutMs: config.database.statementTimeoutMs,
      idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
      slowQueryMs: config.database.slowQueryMs,
      applicationName: 'winkel-jobs',
    },
    log,
  );
  // A checked-out client whose connection drops emits 'error', which would otherwise crash the
  // process; graphile-worker also warns on the console about a pool without this listener.
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ err: { message: err.message } }, 'job database connection lost')));
  // run() does not hand out its worker pool, which stop() needs to force; its creation event does.
  const events = new EventEmitter() as WorkerEvents;
  let workerPool: WorkerPool | undefined;
  events.once('pool:create', (event) => (workerPool = event.workerPool));
  const runner = await run({
    pgPool: pool,
    concurrency: config.worker.concurrency,
    pollInterval: config.worker.pollMs,
    noHandleSignals: true,
    logger: graphileLogger(log),
    taskList,
    parsedCronItems: parseCronItems(
      options.tasks.flatMap((t) => (t.schedule ? [{ task: t.name, identifier: t.name, match: t.schedule, options: { backfillPeriod: 0 } }] : [])),
    ),
    gracefulShutdownAbortTimeout: Math.floor(graceMs / 2),
    events,
    preset: { worker: batching(config.worker.concurrency) },
  }).catch(async (err: unknown) => {
    await pool.end();
    throw err;
  });
  log.info({ concurrency: config.worker.concurrency, pollMs: config.worker.pollMs, tasks: options.tasks.map((t) => t.name) }, 'job worker started');

  const done = runner.promise;
  done.catch((err: unknown) => log.error({ err }, 'job worker stopped with an error'));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const graceful = runner.stop().catch((err: unknown) => log.warn({ err }, 'job worker did not stop cleanly'));
      const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), graceMs)));
      const outcome = await Promise.race([graceful, deadline]);
      clearTimeout(timer);
      if (outcome === 'deadline') {
        log.warn({ graceMs }, 'jobs still running at the stop deadline; failing them so they run again later');
        // runner.kill() does nothing once a graceful stop has begun; the pool's own forceful shutdown does.
        await Promise.resolve(workerPool?.forcefulShutdown('stop deadline passed')).catch((err: unknown) => log.warn({ err }, 'forced stop failed'));
        await graceful;
      }
      await pool.end();
      log.info('job worker stopped');
    })());

  return { stop, done };
}
