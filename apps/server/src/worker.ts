import type { Config } from './config.ts';
import { startJobRunner, type JobRunner } from './platform/jobs/job-runner.ts';
import type { TaskDefinition } from './platform/jobs/job-task.ts';
import { createLogger } from './platform/logging/logger.ts';
import { openRuntime, type Runtime } from './platform/runtime.ts';
import { mailTasks } from './modules/mail/index.ts';
import { inventoryTasks } from './modules/inventory/index.ts';
import { catalogTasks } from './modules/catalog/index.ts';
import { seedTasks } from './modules/seed/index.ts';
import { createBlobStorage } from './platform/storage/blob-storage-factory.ts';
import { mediaBaseOf } from './platform/storage/media-url.ts';
import { createJobQueue } from './platform/jobs/job-queue.ts';
import { handleProcessLifecycle } from './platform/lifecycle/process-lifecycle.ts';
import { idempotencyTasks } from './platform/http/idempotency.tasks.ts';
import { cartTasks } from './modules/carts/index.ts';
import { orderTasks } from './modules/orders/index.ts';
import type { SelfCommand } from './platform/jobs/self-command.ts';

/**
 * Every module's job tasks, built over the runtime's resources: the worker's counterpart of app.ts's
 * routes. `self` (known when started through the CLI) lets one-off heavy jobs run in a child process.
 */
export function moduleTasks(runtime: Runtime, self: SelfCommand | null = null): TaskDefinition[] {
  const jobQueue = createJobQueue({ maxAttempts: runtime.config.worker.maxAttempts });
  return [
    ...mailTasks({ mailer: runtime.mail, config: runtime.config, db: runtime.database.db, jobQueue }),
    ...inventoryTasks({ db: runtime.database.db, jobQueue }),
    ...catalogTasks({ db: runtime.database.db }),
    ...idempotencyTasks({ db: runtime.database.db }),
    ...cartTasks({ db: runtime.database.db }),
    ...orderTasks({ db: runtime.database.db, jobQueue }),
    ...seedTasks({
      db: runtime.database.db,
      media: { storage: createBlobStorage(runtime.config), urls: mediaBaseOf(runtime.config), uploadMaxBytes: runtime.config.media.uploadMaxBytes },
      child: self ? { self, databaseUrl: runtime.databaseUrl } : undefined,
    }),
  ];
}

/** Starts the job runner over a runtime (used by `winkel worker` and, with WORKER_IN_SERVER, by the server). */
export function startWorker(runtime: Runtime, tasks: readonly TaskDefinition[] = moduleTasks(runtime)): Promise<JobRunner> {
  return startJobRunner({ config: runtime.config, databaseUrl: runtime.databaseUrl, log: runtime.log, tasks });
}

/**
 * Runs only the job worker until a signal. The first SIGTERM/SIGINT lets
 * running jobs finish, closes the pools and any embedded PostgreSQL, and exits
 * 0; a second one exits at once. A crash, or the runner dying, shuts down the
 * same way and exits 1 (see process-lifecycle.ts).
 */
export async function runWorker(config: Config, self: SelfCommand | null = null): Promise<void> {
  const log = createLogger(config.logLevel);
  const lifecycle = handleProcessLifecycle(log, config.lifecycle.shutdownTimeoutMs);
  let runtime: Runtime;
  let runner: JobRunner;
  try {
    runtime = await openRuntime(config, log, { applicationName: 'winkel-worker' });
    const opened = runtime;
    runner = await startWorker(opened, moduleTasks(opened, self)).catch(async (err: unknown) => {
      await opened.close();
      throw err;
    });
  } catch (err) {
    lifecycle.startFailed();
    throw err;
  }
  const [rt, jobs] = [runtime, runner];
  let stopAsked = false;
  const stop = async (reason: string) => {
    stopAsked = true;
    log.info({ reason }, 'shutting down');
    await jobs.stop();
    await rt.close();
    log.info('shut down cleanly');
  };
  // The runner stopping without being asked is a failure (its error is logged by the runner); asked, it is the orderly stop.
  jobs.done.then(
    () => stopAsked || lifecycle.stop('job runner stopped', 1),
    () => stopAsked || lifecycle.stop('job runner failed', 1),
  );
  lifecycle.started({ stop, stopEmbedded: () => rt.embedded?.stop() });
}
