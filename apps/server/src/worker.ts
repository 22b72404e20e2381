import type { Config } from './config.ts';
import { startJobRunner, type JobRunner } from './platform/jobs/job-runner.ts';
import type { TaskDefinition } from './platform/jobs/job-task.ts';
import { createLogger } from './platform/logging/logger.ts';
import { openRuntime, type Runtime } from './platform/runtime.ts';
import { mailTasks } from './modules/mail/index.ts';

/** Every module's job tasks, built over the runtime's resources: the worker's counterpart of app.ts's routes. */
export function moduleTasks(runtime: Runtime): TaskDefinition[] {
  return [...mailTasks({ mailer: runtime.mail, config: runtime.config })];
}

/** Starts the job runner over a runtime (used by `winkel worker` and, with WORKER_IN_SERVER, by the server). */
export function startWorker(runtime: Runtime, tasks: readonly TaskDefinition[] = moduleTasks(runtime)): Promise<JobRunner> {
  return startJobRunner({ config: runtime.config, databaseUrl: runtime.databaseUrl, log: runtime.log, tasks });
}

/**
 * Runs only the job worker until a signal. The first SIGTERM/SIGINT lets
 * running jobs finish, closes the pools and any embedded PostgreSQL, and exits
 * 0; a second one exits at once. A crash, or the runner dying, shuts down the
 * same way and exits 1.
 */
export async function runWorker(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  let worker: { runtime: Runtime; runner: JobRunner } | undefined;
  let requested: string | undefined;
  let stopping = false;
  let signalled = false;
  let exitCode = 0;

  const stop = (reason: string, code: number) => {
    if (stopping) return;
    exitCode = Math.max(exitCode, code);
    requested ??= reason;
    if (!worker) return; // Still starting: stopped as soon as it is up.
    stopping = true;
    const { runtime, runner } = worker;
    const deadline = setTimeout(() => {
      log.error({ timeoutMs: config.lifecycle.shutdownTimeoutMs }, 'shutdown deadline passed; exiting');
      void Promise.resolve(runtime.embedded?.stop()).finally(() => process.exit(1));
    }, config.lifecycle.shutdownTimeoutMs);
    deadline.unref();
    log.info({ reason }, 'shutting down');
    runner
      .stop()
      .then(() => runtime.close())
      .then(
        () => {
          log.info('shut down cleanly');
          process.exit(exitCode);
        },
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) {
        log.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      signalled = true;
      stop(signal, 0);
    });
  }
  process.on('unhandledRejection', (reason) => {
    log.fatal({ err: reason }, 'unhandled promise rejection');
    stop('unhandledRejection', 1);
  });
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    stop('uncaughtException', 1);
  });

  try {
    const runtime = await openRuntime(config, log, { applicationName: 'winkel-worker' });
    const runner = await startWorker(runtime).catch(async (err: unknown) => {
      await runtime.close();
      throw err;
    });
    worker = { runtime, runner };
  } catch (err) {
    if (requested) process.exit(exitCode);
    throw err;
  }
  // Settles only if the runner stops without being asked (its error is logged by the runner).
  worker.runner.done.then(
    () => stop('job runner stopped', 1),
    () => stop('job runner failed', 1),
  );
  if (requested) stop(requested, exitCode);
}
