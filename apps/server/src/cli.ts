import { ConfigError, loadConfig, maskedConfig, type Config } from './config.ts';
import { EmbeddedPostgresError } from './platform/db/embedded-postgres.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { JOBS_USAGE, parseJobsCommand, runJobsCommand } from './platform/jobs/jobs.cli.ts';
import { readMaintenance, setMaintenance } from './platform/lifecycle/maintenance.ts';
import { createLogger } from './platform/logging/logger.ts';
import { openRuntime } from './platform/runtime.ts';
import { runServer } from './main.ts';
import { IP_RULES_USAGE, parseIpRulesCommand, runIpRulesCommand } from './modules/security/index.ts';
import { createIdentityDeps, ownerAccounts } from './modules/identity/index.ts';
import { createStoreService, parseStoreCommand, runStoreCommand, STORE_USAGE } from './modules/tenancy/index.ts';
import { createJobQueue } from './platform/jobs/job-queue.ts';
import { INVENTORY_USAGE, parseInventoryCommand, runInventoryCommand } from './modules/inventory/index.ts';
import { createCatalogSeeder, parseSeedCommand, runDemoPicturesCommand, runSeedCommand, SEED_USAGE } from './modules/seed/index.ts';
import { selfCommandOf } from './platform/jobs/self-command.ts';

/** Exit codes, documented in docs/cli.md. */
export const EXIT = { ok: 0, failure: 1, usage: 2, config: 78 } as const;

const USAGE = `usage: winkel <command>

  start                      run the server (and, unless WORKER_IN_SERVER=false, the job worker)
  worker                     run only the job worker
  migrate                    apply database migrations and exit
  maintenance on|off|status  switch maintenance mode for every instance sharing the database
  config check               validate the environment and print the effective configuration (secrets masked)
${JOBS_USAGE}
${IP_RULES_USAGE}
${STORE_USAGE}
${INVENTORY_USAGE}
${SEED_USAGE}
`;

class UsageError extends Error {}

async function withRuntime<T>(config: Config, work: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>, migrate = false): Promise<T> {
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const runtime = await openRuntime(config, log, { migrate, applicationName: 'winkel-cli' });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    (command ? process.stdout : process.stderr).write(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  const config = loadConfig();

  switch (command) {
    case 'start':
      await runServer(config, selfCommandOf(process));
      return -1; // keeps running; main.ts owns the exit
    case 'worker': {
      const { runWorker } = await import('./worker.ts');
      await runWorker(config, selfCommandOf(process));
      return -1; // keeps running; worker.ts owns the exit
    }
    case 'ip-rules': {
      const ipRules = parseIpRulesCommand(argv.slice(1));
      if (typeof ipRules === 'string') throw new UsageError(ipRules);
      process.stdout.write(await withRuntime(config, (rt) => runIpRulesCommand(rt.database.db, rt.log, ipRules)));
      return EXIT.ok;
    }
    case 'store': {
      const store = parseStoreCommand(argv.slice(1));
      if (typeof store === 'string') throw new UsageError(store);
      process.stdout.write(await withRuntime(config, (rt) => {
        const identity = createIdentityDeps({ db: rt.database.db, config, jobQueue: createJobQueue({ maxAttempts: config.worker.maxAttempts }) });
        return runStoreCommand(createStoreService({ db: rt.database.db, createOwnerAccount: ownerAccounts(identity) }), rt.log, store);
      }));
      return EXIT.ok;
    }
    case 'inventory': {
      const inventory = parseInventoryCommand(argv.slice(1));
      if (typeof inventory === 'string') throw new UsageError(inventory);
      const result = await withRuntime(config, (rt) => runInventoryCommand(rt.database.db, rt.log, inventory));
      process.stdout.write(result.output);
      return result.ok ? EXIT.ok : EXIT.failure;
    }
    case 'seed': {
      const seed = parseSeedCommand(argv.slice(1));
      if (typeof seed === 'string') throw new UsageError(seed);
      if (seed.kind === 'catalog') {
        process.stdout.write(await withRuntime(config, (rt) => runSeedCommand(createCatalogSeeder({ db: rt.database.db }), rt.log, seed.request)));
      } else {
        process.stdout.write(await withRuntime(config, (rt) => runDemoPicturesCommand(rt, seed.store)));
      }
      return EXIT.ok;
    }
    case 'jobs': {
      const jobs = parseJobsCommand(argv.slice(1));
      if (typeof jobs === 'string') throw new UsageError(jobs);
      const result = await withRuntime(config, (rt) => runJobsCommand(rt.database.db, jobs));
      process.stdout.write(result.output);
      return result.ok ? EXIT.ok : EXIT.failure;
    }
    case 'migrate': {
      const log = createLogger(config.logLevel);
      await withRuntime(config, async (rt) => {
        const result = await runMigrations(rt.databaseUrl, log);
        process.stdout.write(`migrations: ${result.applied} applied now, ${result.total} in total\n`);
      });
      return EXIT.ok;
    }
    case 'maintenance': {
      if (sub !== 'on' && sub !== 'off' && sub !== 'status') throw new UsageError('maintenance takes on, off or status');
      await withRuntime(config, async (rt) => {
        if (sub !== 'status') await setMaintenance(rt.database.db, sub === 'on');
        const now = await readMaintenance(rt.database.db);
        process.stdout.write(`maintenance: ${now.enabled ? `on since ${now.since}` : 'off'}${config.lifecycle.maintenanceMode ? ' (MAINTENANCE_MODE=true forces it on for servers)' : ''}\n`);
      });
      return EXIT.ok;
    }
    case 'config': {
      if (sub !== 'check') throw new UsageError('config takes check');
      process.stdout.write(`configuration is valid\n${JSON.stringify(maskedConfig(config), null, 2)}\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function oneLine(err: unknown): string {
  // A failed query's own message is the SQL; the database's reason is its cause.
  const reason = err instanceof Error && err.message.startsWith('Failed query:') && err.cause instanceof Error ? err.cause : err;
  return (reason instanceof Error ? reason.message : String(reason)).split('\n')[0] ?? 'failed';
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      for (const line of err.message.split('\n')) process.stderr.write(`winkel: config: ${line}\n`);
      process.exit(EXIT.config);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`winkel: ${err.message}\n${USAGE}`);
      process.exit(EXIT.usage);
    }
    const detail = err instanceof EmbeddedPostgresError ? err.message.replace(/\n/g, ' | ') : oneLine(err);
    process.stderr.write(`winkel: ${detail}\n`);
    process.exit(EXIT.failure);
  },
);
