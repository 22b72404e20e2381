import { buildApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { watchMaintenance } from './platform/lifecycle/maintenance.ts';
import { ServerState } from './platform/lifecycle/server-state.ts';
import type { Logger } from './platform/logging/logger.ts';
import { openRuntime, type Runtime } from './platform/runtime.ts';
import type { JobRunner } from './platform/jobs/job-runner.ts';
import { moduleTasks, startWorker } from './worker.ts';
import type { SelfCommand } from './platform/jobs/self-command.ts';
import { createApiKeyVerifier } from './modules/security/index.ts';
import { createIdentityDeps, createStaffTokenVerifier, ownerAccounts } from './modules/identity/index.ts';
import { seedDemoStore, type DemoStoreSeed } from './modules/tenancy/index.ts';
import { seedDemoCatalog } from './modules/seed/index.ts';
import { createJobQueue } from './platform/jobs/job-queue.ts';

export interface Server {
  app: App;
  runtime: Runtime;
  state: ServerState;
  /** Made on this start because the database had no store: its owner's one-time password is for the banner only. */
  demoStore: DemoStoreSeed | null;
  /** Listens on config.host:config.port; returns the address. */
  listen(): Promise<string>;
  /** Orderly stop: not ready at once, drain, finish in-flight requests, stop workers, close pools. */
  shutdown(reason: string): Promise<void>;
}

export interface ServerOptions {
  /** Extra routes or hooks, added before the app is sealed (tests use it for slow routes). */
  beforeReady?: (app: App) => void | Promise<void>;
  /** How to start this program as a child (known when started through the CLI), for jobs that run in one. */
  self?: SelfCommand | null;
}

export async function createServer(config: Config, log: Logger, options: ServerOptions = {}): Promise<Server> {
  const runtime = await openRuntime(config, log);
  const state = new ServerState();
  const maintenance = watchMaintenance(runtime.database.db, state, config.lifecycle.maintenanceMode, config.lifecycle.maintenancePollMs, log);
  let app: App;
  let jobs: JobRunner | undefined;
  let demoStore: DemoStoreSeed | null;
  try {
    await maintenance.refresh();
    const { db } = runtime.database;
    const identity = createIdentityDeps({ db, config, jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }) });
    demoStore = await seedDemoStore({ db, createOwnerAccount: ownerAccounts(identity) }, log);
    if (demoStore) await seedDemoCatalog({ db, maxJobAttempts: config.worker.maxAttempts }, demoStore.storeId, log);
    app = await buildApp({ config, database: runtime.database, state, log, extraChecks: runtime.extraChecks, rateLimiter: runtime.rateLimiter, cache: runtime.cache, notices: runtime.notices, mail: runtime.mail, bearerVerifiers: [createApiKeyVerifier(db), createStaffTokenVerifier({ db, config })] });
    await options.beforeReady?.(app);
    await app.ready();
    if (config.worker.inServer) jobs = await startWorker(runtime, moduleTasks(runtime, options.self ?? null));
  } catch (err) {
    maintenance.stop();
    await runtime.close();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      state.shuttingDown = true;
      if (config.lifecycle.shutdownDrainMs > 0) {
        // Let load balancers see readiness fail before we stop accepting connections.
        await new Promise((r) => setTimeout(r, config.lifecycle.shutdownDrainMs));
      }
      maintenance.stop();
      await app.close();
      await jobs?.stop();
      await runtime.close();
      log.info('shut down cleanly');
    })());

  return {
    app,
    runtime,
    state,
    demoStore,
    listen: () => app.listen({ host: config.host, port: config.port }),
    shutdown,
  };
}
