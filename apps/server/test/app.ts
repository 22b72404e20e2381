import { Writable } from 'node:stream';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createDatabase, type Database } from '../src/platform/db/database.ts';
import { ServerState } from '../src/platform/lifecycle/server-state.ts';
import { createLogger, type Logger } from '../src/platform/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: App;
  config: Config;
  database: Database;
  state: ServerState;
  log: Logger;
  /** Every JSON log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Environment for a test app; DATABASE_URL is filled in by the helpers. */
export function testConfig(env: Record<string, string> = {}, databaseUrl?: string): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
}

export function captureLogger(level = 'info'): { log: Logger; logs: Array<Record<string, unknown>> } {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger(level, sink), logs };
}

export interface BuildTestAppOptions {
  env?: Record<string, string>;
  /** Use this database instead of a fresh one (two apps sharing a database). */
  db?: TestDatabase;
  /** Add routes before the app is made ready. */
  routes?: (app: App) => void | Promise<void>;
}

/** A full app on its own fresh database, answering through app.inject() or a real port. */
export async function buildTestApp(options: BuildTestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = testConfig(options.env, db.url);
  const { log, logs } = captureLogger();
  const database = createDatabase(
    { url: db.url, max: 5, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: config.database.slowQueryMs },
    log,
  );
  const state = new ServerState();
  const app = await buildApp({ config, database, state, log });
  if (options.routes) await options.routes(app);
  await app.ready();
  return {
    app,
    config,
    database,
    state,
    log,
    logs,
    close: async () => {
      await app.close();
      await database.close();
      if (!options.db) await db.drop();
    },
  };
}
