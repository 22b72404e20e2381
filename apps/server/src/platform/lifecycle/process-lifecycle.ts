import type { Logger } from '../logging/logger.ts';

/** What a long-running command (server, worker) hands over once it is up. */
export interface Stoppable {
  /** The orderly stop: resolves once everything is closed. Called at most once. */
  stop(reason: string): Promise<void>;
  /** When the deadline passes: stops the embedded PostgreSQL, if any, rather than orphaning it. */
  stopEmbedded(): Promise<void> | void;
}

export interface ProcessLifecycle {
  /** The process is up: a stop asked for while it was starting happens now. True when it is stopping. */
  started(target: Stoppable): boolean;
  /** Starting failed: when a stop was already asked for, exits with its code; otherwise returns for the caller to rethrow. */
  startFailed(): void;
  /** An orderly stop with at least this exit code (the runner dying, for instance). */
  stop(reason: string, code: number): void;
}

/**
 * Signal and crash handling shared by `winkel start` and `winkel worker`. The
 * first SIGTERM/SIGINT stops in order and exits 0; a second one exits 130 at
 * once. An unhandled rejection or uncaught exception is logged and leads to
 * the same orderly stop, then exit 1. A stop that outlives the deadline stops
 * the embedded PostgreSQL and exits 1. A stop asked for while still starting
 * happens as soon as the process is up.
 */
export function handleProcessLifecycle(log: Logger, shutdownTimeoutMs: number): ProcessLifecycle {
  let target: Stoppable | undefined;
  let requested: string | undefined;
  let stopping = false;
  let signalled = false;
  let exitCode = 0;

  const stop = (reason: string, code: number) => {
    exitCode = Math.max(exitCode, code);
    requested ??= reason;
    if (!target || stopping) return; // Still starting: stopped as soon as it is up.
    stopping = true;
    const { stop: stopTarget, stopEmbedded } = target;
    const deadline = setTimeout(() => {
      log.error({ timeoutMs: shutdownTimeoutMs }, 'shutdown deadline passed; exiting');
      void Promise.resolve(stopEmbedded()).finally(() => process.exit(1));
    }, shutdownTimeoutMs);
    deadline.unref();
    stopTarget(reason).then(
      () => process.exit(exitCode),
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

  return {
    started(up) {
      target = up;
      if (requested) stop(requested, exitCode);
      return requested !== undefined;
    },
    startFailed() {
      if (requested) process.exit(exitCode);
    },
    stop,
  };
}
